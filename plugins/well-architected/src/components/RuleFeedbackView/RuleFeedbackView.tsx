import useAsync from 'react-use/esm/useAsync';
import { EmptyState } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  Box,
  Chip,
  Link,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Link as RouterLink } from 'react-router-dom';
import {
  DismissReason,
  RuleFeedback,
  RuleSource,
} from 'backstage-plugin-well-architected-common';
import { wellArchitectedApiRef } from '../../api';
import { roleRouteRef } from '../../routes';
import { AsyncContent } from '../AsyncContent';
import { DataTable } from '../DataTable';

const SOURCES: Record<RuleSource, string> = {
  default: 'Built in',
  module: 'Backend module',
  config: 'Config',
  unknown: 'No longer runs',
};

const REASONS: Record<DismissReason, string> = {
  'not-applicable': 'not applicable',
  'covered-elsewhere': 'covered elsewhere',
  other: 'other',
};

/** What share of the answered suggestions were accepted, in words; a dash before any answer. */
function acceptance({ accepted, dismissed }: RuleFeedback) {
  const answered = accepted + dismissed.total;
  return answered === 0
    ? '–'
    : `${Math.round((accepted / answered) * 100)}% accepted`;
}

function Dismissals({ rule }: { rule: RuleFeedback }) {
  const { total, ...byReason } = rule.dismissed;
  const reasons = (Object.keys(REASONS) as DismissReason[]).filter(
    reason => byReason[reason] > 0,
  );
  return (
    <>
      {total}
      {reasons.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          {reasons.map(r => `${REASONS[r]}: ${byReason[r]}`).join(', ')}
        </Typography>
      )}
    </>
  );
}

function RuleRow(props: {
  rule: RuleFeedback;
  roleTitle: (roleId: string) => string;
  pillarTitle: (pillarId: string) => string;
}) {
  const { rule, roleTitle, pillarTitle } = props;
  const roleLink = useRouteRef(roleRouteRef);
  return (
    <TableRow>
      <TableCell>
        <code>{rule.ruleId}</code>
        <Typography variant="body2" color="textSecondary">
          {SOURCES[rule.source]}
          {rule.weight !== undefined && ` · weight ${rule.weight}`}
        </Typography>
      </TableCell>
      <TableCell>
        {rule.roles.map(({ roleId, pillarIds }) => (
          <div key={roleId}>
            <Link component={RouterLink} to={roleLink({ roleId })}>
              {roleTitle(roleId)}
            </Link>
            <Typography variant="body2" color="textSecondary">
              {pillarIds.map(pillarTitle).join(', ')}
            </Typography>
          </div>
        ))}
      </TableCell>
      <TableCell>
        {rule.signals.map(signal => (
          <Chip key={signal} size="small" label={signal} />
        ))}
      </TableCell>
      <TableCell align="right">{rule.suggestions}</TableCell>
      <TableCell align="right">{rule.accepted}</TableCell>
      <TableCell align="right">
        <Dismissals rule={rule} />
      </TableCell>
      <TableCell align="right">{rule.leftAlone}</TableCell>
      <TableCell align="right">{acceptance(rule)}</TableCell>
    </TableRow>
  );
}

/**
 * The rules tab of the roles page: each suggestion rule with its config id, the roles and
 * signals behind it, and how owners answered its suggestions, so that the platform team tunes
 * `wellArchitected.suggestions` (weights, disabled rules) from what people accept and dismiss.
 */
export function RuleFeedbackView() {
  const api = useApi(wellArchitectedApiRef);
  const state = useAsync(async () => {
    const [feedback, roles, pillars] = await Promise.all([
      api.getRuleFeedback(),
      api.listRoleSummaries(),
      api.getPillars(),
    ]);
    return { feedback, roles, pillars };
  }, [api]);
  return (
    <AsyncContent
      state={state}
      isEmpty={({ feedback }) => feedback.items.length === 0}
      empty={
        <EmptyState
          missing="content"
          title="No suggestion rules"
          description="Every rule is disabled in wellArchitected.suggestions.disabledRules, and no decision names one."
        />
      }
    >
      {({ feedback, roles, pillars }) => {
        const roleTitles = new Map(roles.items.map(r => [r.id, r.title]));
        const pillarTitles = new Map(
          pillars.items.map(p => [p.id as string, p.title]),
        );
        return (
          <>
            <Box mb={2}>
              <Typography variant="body2" color="textSecondary">
                How owners answered the roles each rule suggested, for the
                Systems and Components you may read. Tune a rule by its id in
                wellArchitected.suggestions: weights to count it more or less,
                disabledRules to stop it.
              </Typography>
            </Box>
            <DataTable
              label="Suggestion rules and their feedback"
              head={
                <>
                  <TableCell>Rule</TableCell>
                  <TableCell>Suggests</TableCell>
                  <TableCell>Signals</TableCell>
                  <TableCell align="right">Suggestions</TableCell>
                  <TableCell align="right">Accepted</TableCell>
                  <TableCell align="right">Dismissed</TableCell>
                  <TableCell align="right">Left alone</TableCell>
                  <TableCell align="right">Acceptance</TableCell>
                </>
              }
            >
              {feedback.items.map(rule => (
                <RuleRow
                  key={rule.ruleId}
                  rule={rule}
                  roleTitle={id => roleTitles.get(id) ?? id}
                  pillarTitle={id => pillarTitles.get(id) ?? id}
                />
              ))}
            </DataTable>
          </>
        );
      }}
    </AsyncContent>
  );
}
