import { specificationOf } from '../decider/given-when-then.js';
import { reportDecider, type ReportCommand, type ReportEvent } from './report.decider.js';

const spec = specificationOf(reportDecider);
const secretariat = { actorId: 'sgar-52', role: 'commission_secretariat' as const };
const generated = {
  region: '52',
  semester: '2026-S1',
  sha256: 'a'.repeat(64),
  position: '120',
  cutoff: '2026-06-30T22:00:00.000Z',
  recipients: ['mission-france-thd', 'datar'],
  cutoffPassed: true,
};
const issue: ReportCommand = { type: 'IssueReport', principal: secretariat, ...generated };
const { cutoffPassed: _passed, ...recorded } = generated;
const issued: ReportEvent = { type: 'ReportIssued', data: recorded };

describe('Issued semestrial reports', () => {
  it('records the first issue with its hash, position, cut-off and recipients', () => {
    spec.given([]).when(issue).then([issued]);
  });

  it('never issues twice: a second issue is a conflict, a re-issue needs a reason', () => {
    spec
      .given([issued])
      .when(issue)
      .thenRejects('conflict', /already issued; re-issue it with a reason/);
    spec
      .given([issued])
      .when({ ...issue, type: 'ReissueReport', reason: '  ' })
      .thenRejects('invalid', /reason/);
  });

  it('re-issues with the reason and the hash it supersedes', () => {
    spec
      .given([issued])
      .when({ ...issue, type: 'ReissueReport', sha256: 'b'.repeat(64), reason: 'Erreur de saisie corrigée' })
      .then([{ type: 'ReportReissued', data: { ...recorded, sha256: 'b'.repeat(64), reason: 'Erreur de saisie corrigée', previousSha256: 'a'.repeat(64) } }]);
    spec
      .given([])
      .when({ ...issue, type: 'ReissueReport', reason: 'x' })
      .thenRejects('conflict', /not been issued/);
  });

  it('re-issues with new text: the summary and the comments given replace those issued, the others stay', () => {
    const issuedWithText: ReportEvent = {
      type: 'ReportIssued',
      data: { ...recorded, narrative: { summary: 'Un semestre calme.', comments: { commitments: 'Rien à signaler.', 'white-zones': 'Deux zones.' } } },
    };
    spec
      .given([issuedWithText])
      .when({
        ...issue,
        type: 'ReissueReport',
        reason: 'Synthèse précisée',
        text: { summary: 'Un semestre chargé.', comments: [{ chapter: 'white-zones', text: 'Une seule zone.' }] },
      })
      .then([
        {
          type: 'ReportReissued',
          data: {
            ...recorded,
            reason: 'Synthèse précisée',
            previousSha256: 'a'.repeat(64),
            narrative: { summary: 'Un semestre chargé.', comments: { commitments: 'Rien à signaler.', 'white-zones': 'Une seule zone.' } },
          },
        },
      ]);
    spec
      .given([issuedWithText])
      .when({ ...issue, type: 'ReissueReport', reason: 'x', text: { comments: [{ chapter: 'nowhere', text: 'Texte.' }] } })
      .thenRejects('invalid', /chapter is one of/);
    spec
      .given([issuedWithText])
      .when({ ...issue, type: 'ReissueReport', reason: 'x', text: { summary: '<b>gras</b>' } })
      .thenRejects('invalid', /plain text, not HTML/);
  });

  it('waits for the cut-off to pass', () => {
    spec
      .given([])
      .when({ ...issue, cutoffPassed: false })
      .thenRejects('conflict', /not over/);
  });

  it('is for administrators and the commission secretariat', () => {
    spec
      .given([])
      .when({ ...issue, principal: { actorId: 'cd-44', role: 'representative' } })
      .thenRejects('forbidden');
    spec
      .given([])
      .when({ ...issue, principal: { actorId: 'datar', role: 'auditor' } })
      .thenRejects('forbidden');
  });

  it('keeps every version in its state', () => {
    const { region: _region, semester: _semester, ...first } = recorded;
    spec
      .given([issued])
      .when({ ...issue, type: 'ReissueReport', sha256: 'c'.repeat(64), reason: 'r' })
      .thenState({
        status: 'issued',
        region: '52',
        semester: '2026-S1',
        versions: [
          { ...first, reason: null },
          { ...first, sha256: 'c'.repeat(64), reason: 'r' },
        ],
      });
  });
});

describe('The secretariat’s text on a report draft', () => {
  const write = (text: string): ReportCommand => ({ type: 'WriteReportSummary', region: '52', semester: '2026-S1', text, principal: secretariat });
  const comment = (chapter: string, text: string): ReportCommand => ({
    type: 'CommentReportChapter',
    region: '52',
    semester: '2026-S1',
    chapter,
    text,
    principal: secretariat,
  });
  const summaryWritten: ReportEvent = {
    type: 'ReportSummaryWritten',
    data: { region: '52', semester: '2026-S1', text: 'Un semestre de travaux.\n\nDeux décisions.' },
  };
  const commented: ReportEvent = {
    type: 'ReportChapterCommented',
    data: { region: '52', semester: '2026-S1', chapter: 'white-zones', text: 'Trois zones résorbées.' },
  };

  it('records the summary as plain paragraphs, tidying spaces and extra blank lines', () => {
    spec.given([]).when(write('  Un semestre   de travaux.\r\n\r\n\r\nDeux décisions.  ')).then([summaryWritten]);
  });

  it('records a comment per chapter; an unknown chapter is refused', () => {
    spec.given([summaryWritten]).when(comment('white-zones', 'Trois zones résorbées.')).then([commented]);
    spec
      .given([])
      .when(comment('network_projects', 'x'))
      .thenRejects('invalid', /chapter is one of/);
  });

  it('refuses control characters, markup, empty and over-long text', () => {
    spec
      .given([])
      .when(write('bell\u0007'))
      .thenRejects('invalid', /control characters/);
    spec
      .given([])
      .when(write('<b>gras</b>'))
      .thenRejects('invalid', /not HTML/);
    spec.given([]).when(write(' \n ')).thenRejects('invalid', /empty/);
    spec
      .given([])
      .when(write('a'.repeat(8001)))
      .thenRejects('invalid', /at most 8000/);
    spec
      .given([])
      .when(comment('map', 'a'.repeat(4001)))
      .thenRejects('invalid', /at most 4000/);
  });

  it('only the secretariat or an administrator writes it', () => {
    spec
      .given([])
      .when({ ...write('x'), principal: { actorId: 'orange', role: 'representative' as const } })
      .thenRejects('forbidden', /secretariat/);
  });

  it('issues the text as it stands, and refuses any edit once issued', () => {
    spec
      .given([summaryWritten, commented])
      .when(issue)
      .then([
        {
          type: 'ReportIssued',
          data: { ...recorded, narrative: { summary: summaryWritten.data.text, comments: { 'white-zones': 'Trois zones résorbées.' } } },
        },
      ]);
    spec
      .given([summaryWritten, issued])
      .when(comment('map', 'Trop tard.'))
      .thenRejects('conflict', /already issued/);
    spec
      .given([issued])
      .when(write('Trop tard.'))
      .thenRejects('conflict', /already issued/);
  });
});
