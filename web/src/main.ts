document.getElementById('app')!.textContent = 'SCORAN';
