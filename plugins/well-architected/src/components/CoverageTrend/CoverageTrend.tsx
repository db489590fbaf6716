import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import { Box, Typography, useTheme } from '@material-ui/core';
import {
  CoverageHistoryResponse,
  CoverageTotals,
  PillarId,
} from 'backstage-plugin-well-architected-common';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { wellArchitectedApiRef } from '../../api';
import { AsyncContent } from '../AsyncContent';

/** How many days of history the trend shows. */
const TREND_DAYS = 90;

/** Systems with a suggested role that no group holds: those in `gap` and in `partly`. */
const missing = (totals: CoverageTotals) => totals.gap + totals.partly;

/** In words, for screen readers and for a reader who does not read charts: first and last day. */
function summaryOf(
  history: CoverageHistoryResponse,
  pillarTitle: (pillarId: PillarId) => string,
): string {
  const first = history.points[0];
  const last = history.points[history.points.length - 1];
  const changes = history.pillarIds.map(
    (pillarId, i) =>
      `${pillarTitle(pillarId)} ${missing(first.totals[i])} to ${missing(
        last.totals[i],
      )}`,
  );
  return `Systems with a suggested role that no group holds, ${first.day} to ${
    last.day
  }: ${changes.join(', ')}`;
}

function TrendChart(props: {
  history: CoverageHistoryResponse;
  pillarTitle: (pillarId: PillarId) => string;
}) {
  const { history, pillarTitle } = props;
  const theme = useTheme();
  const colours = [
    theme.palette.primary.main,
    theme.palette.error.main,
    theme.palette.success.main,
    theme.palette.warning.main,
    theme.palette.info.main,
    theme.palette.secondary.main,
  ];
  const data = history.points.map(point => ({
    day: point.day,
    ...Object.fromEntries(
      point.totals.map(totals => [totals.pillarId, missing(totals)]),
    ),
  }));
  return (
    <Box role="img" aria-label={summaryOf(history, pillarTitle)}>
      <ResponsiveContainer
        width="100%"
        height={220}
        initialDimension={{ width: 600, height: 220 }}
      >
        <LineChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          {history.pillarIds.map((pillarId, i) => (
            <Line
              key={pillarId}
              type="monotone"
              dataKey={pillarId}
              name={pillarTitle(pillarId)}
              stroke={colours[i % colours.length]}
              // One day of history is one point; without a dot it would not show.
              dot={history.points.length < 2}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </Box>
  );
}

/**
 * The trend of coverage: per pillar, how many Systems had a suggested role that no group holds,
 * day by day, from the daily snapshots. History is kept for every System, each owner Group and
 * each Domain, so the trend follows the owner or Domain filter (the owner when both are set) and
 * no other.
 *
 * @public
 */
export function CoverageTrend(props: {
  /** An owner Group's ref: its Systems and those of the Groups inside it. */
  owner?: string;
  /** A Domain's ref, when no owner is given. */
  domain?: string;
  /** Only this pillar. */
  pillar?: PillarId;
  /** A pillar's title; its id by default. */
  pillarTitle?: (pillarId: PillarId) => string;
}) {
  const { owner, pillar, pillarTitle = (id: PillarId) => id } = props;
  const domain = owner ? undefined : props.domain;
  const api = useApi(wellArchitectedApiRef);
  const history = useAsync(
    () => api.getCoverageHistory({ owner, domain, pillar, days: TREND_DAYS }),
    [api, owner, domain, pillar],
  );
  const scope = owner ?? domain;
  return (
    <Box>
      <Typography variant="subtitle2">
        Trend: Systems{scope ? ` of ${scope}` : ''} with a suggested role that
        no group holds, by day
      </Typography>
      <AsyncContent
        state={history}
        isEmpty={({ points }) => points.length === 0}
        empty={
          <Typography variant="body2" color="textSecondary">
            No history yet. Coverage is counted once a day, from the first day
            the background evaluation has run; the trend starts then, and
            nothing before it is made up.
          </Typography>
        }
      >
        {value => (
          <>
            <TrendChart history={value} pillarTitle={pillarTitle} />
            <Typography variant="caption" color="textSecondary">
              History starts on {value.startsOn}; snapshots are kept{' '}
              {value.retentionDays} days. History is kept for every System, each
              owner Group and each Domain: the other filters do not change it.
            </Typography>
          </>
        )}
      </AsyncContent>
    </Box>
  );
}
