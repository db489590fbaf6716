import { coverageCsv } from './coverageCsv';

describe('coverageCsv', () => {
  it('quotes what CSV must quote and keeps a spreadsheet from running a title as a formula', () => {
    const csv = coverageCsv(
      ['security'],
      [
        {
          entityRef: 'system:default/tricky',
          name: '=HYPERLINK("http://evil")',
          ownerRef: 'group:default/team-a',
          lifecycles: ['production', 'experimental'],
          cells: [
            {
              pillarId: 'security',
              state: 'partly',
              coveredRoleIds: ['security-architect'],
              missingRoleIds: ['security-engineer', 'penetration-tester'],
            },
          ],
          evaluatedAt: '2026-12-01T10:00:00.000Z',
        },
        {
          entityRef: 'system:default/plain',
          name: 'Billing, "new"\nline',
          lifecycles: [],
          tier: 'tier-1',
          cells: [
            {
              pillarId: 'security',
              state: 'not-needed',
              coveredRoleIds: [],
              missingRoleIds: [],
            },
          ],
          evaluatedAt: '2026-12-01T10:00:00.000Z',
        },
      ],
    );
    expect(csv.split('\r\n')).toEqual([
      'system,name,owner,domain,tier,lifecycles,security,security missing roles',
      'system:default/tricky,"\'=HYPERLINK(""http://evil"")",group:default/team-a,,,production experimental,partly,security-engineer penetration-tester',
      'system:default/plain,"Billing, ""new""\nline",,,tier-1,,not-needed,',
      '',
    ]);
  });
});
