/**
 * Prints the run's closing line in the plain form CI reads ("Tests: N passed, N failed, N skipped"),
 * after Jest's own summary.
 */
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numRuntimeErrorTestSuites } = results;
    const failed = numFailedTests + numRuntimeErrorTestSuites;
    const line = `Tests: ${numPassedTests} passed, ${failed} failed, ${numPendingTests + numTodoTests} skipped`;
    // At exit, so that it stands after Jest's own summary (stdout to a file or pipe is synchronous here).
    process.once('exit', () => process.stdout.write(`\n${line}\n`));
  }
}
