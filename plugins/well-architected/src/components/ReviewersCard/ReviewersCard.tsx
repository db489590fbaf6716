import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
  Chip,
  Typography,
  createStyles,
  makeStyles,
} from '@material-ui/core';
import CheckIcon from '@material-ui/icons/Check';
import {
  GroupMembersResponse,
  Pillar,
  PillarId,
  Reviewer,
  Suggestion,
  SuggestionConfidence,
  SuggestionReason,
  SuggestionsResponse,
} from 'backstage-plugin-well-architected-common';
import { wellArchitectedApiRef } from '../../api';
import { roleRouteRef, rootRouteRef } from '../../routes';
import { AsyncContent } from '../AsyncContent';
import { plural } from '../plural';
import { EvaluationFreshness } from './EvaluationFreshness';
import { FarAway } from './FarAway';
import { GapActions } from './GapActions';
import { LoadedOnExpand } from './LoadedOnExpand';
import { RoleResponsibilities } from './RoleResponsibilities';
import { SuggestionDecisionControl } from './SuggestionDecisionControl';

const TITLE = 'Well-Architected reviewers';
/** Lets browser tests (and operators' styles) find the card. */
const CARD_CLASS = 'well-architected-reviewers-card';
const MEMBERS_SHOWN = 5;
const ENTITIES_SHOWN = 3;
/** Rows shown before "Show all": about 600 px for a typical System. */
const ROWS_SHOWN = 5;

const useStyles = makeStyles(theme =>
  createStyles({
    list: { listStyle: 'none', margin: 0, padding: 0 },
    row: {
      padding: theme.spacing(0.5, 0),
      borderTop: `1px solid ${theme.palette.divider}`,
    },
    line: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      gap: theme.spacing(1),
    },
    roleTitle: { fontWeight: 500 },
    toggle: { marginLeft: 'auto', padding: theme.spacing(0, 1) },
    details: { margin: theme.spacing(1, 0, 0, 2) },
    filter: {
      display: 'flex',
      flexWrap: 'wrap',
      gap: theme.spacing(0.5),
      margin: theme.spacing(1, 0),
    },
  }),
);

/** Entity names as underlined links, "a, b, c and 2 more". */
function EntityLinks(props: { entityRefs: string[]; max?: number }) {
  const shown = props.entityRefs.slice(0, props.max ?? ENTITIES_SHOWN);
  const more = props.entityRefs.length - shown.length;
  return (
    <>
      {shown.map((entityRef, index) => (
        <span key={entityRef}>
          {index > 0 && ', '}
          <EntityRefLink entityRef={entityRef} underline="always" />
        </span>
      ))}
      {more > 0 && ` and ${more} more`}
    </>
  );
}

function Reason(props: { reason: SuggestionReason; maxEntities?: number }) {
  const { reason, maxEntities } = props;
  return (
    <>
      <span>{reason.message}</span>
      {reason.entityRefs.length > 0 && (
        <>
          {' — '}
          <EntityLinks entityRefs={reason.entityRefs} max={maxEntities} />
        </>
      )}
    </>
  );
}

function NoHolder() {
  return (
    <Typography variant="body2" component="span">
      No group holds this role yet
    </Typography>
  );
}

/** The first members of a reviewer group, and how many more it has. */
function MemberList(props: {
  reviewer: Reviewer;
  members: GroupMembersResponse;
}) {
  const { reviewer, members } = props;
  const shown = members.members.slice(0, MEMBERS_SHOWN);
  // The server sends the first members of a large group and how many it has in all.
  const more = members.memberCount - shown.length;
  if (shown.length === 0) {
    return null;
  }
  return (
    <Typography variant="body2" component="div">
      Members:{' '}
      {shown.map((member, index) => (
        <span key={member.userRef}>
          {index > 0 && ', '}
          <EntityRefLink
            entityRef={member.userRef}
            title={member.displayName}
            underline="always"
          />
        </span>
      ))}
      {more > 0 && (
        <>
          {' and '}
          <EntityRefLink
            entityRef={reviewer.groupRef}
            title={`${more} more in ${reviewer.displayName}`}
            underline="always"
          />
        </>
      )}
    </Typography>
  );
}

function ReviewerGroup(props: { reviewer: Reviewer }) {
  const { reviewer } = props;
  return (
    <li>
      <EntityRefLink
        entityRef={reviewer.groupRef}
        title={reviewer.displayName}
        underline="always"
      />
      <FarAway reviewer={reviewer} />{' '}
      <Typography variant="caption" color="textSecondary">
        ({reviewer.reason})
      </Typography>
      {/* Asked for when the row is expanded: the suggestions answer names the groups only,
          so a first view of the card stays cheap. */}
      <LoadedOnExpand
        load={api => api.getGroupMembers(reviewer.groupRef)}
        deps={[reviewer.groupRef]}
        what="members"
      >
        {members => <MemberList reviewer={reviewer} members={members} />}
      </LoadedOnExpand>
    </li>
  );
}

/** What each confidence rests on, as the details of a role say it. */
const CONFIDENCE_MEANINGS: Record<SuggestionConfidence, string> = {
  strong:
    'Strong confidence: two signals of its own, or one that settles it alone, back this role up.',
  moderate: 'Moderate confidence: one signal of its own backs this role up.',
  weak: 'Weak confidence: only what its System or a related entity passes on backs this role up; check it before acting on it.',
};

function RoleDetails(props: { suggestion: Suggestion; id: string }) {
  const { suggestion, id } = props;
  const classes = useStyles();
  const rolesPage = useRouteRef(rootRouteRef);
  return (
    <Box id={id} className={classes.details}>
      <RoleResponsibilities suggestion={suggestion} />
      <Typography variant="body2" component="div">
        Why:
        <Box component="ul" m={0} pl={2}>
          {suggestion.reasons.map((reason, index) => (
            <li key={`${reason.ruleId}-${index}`}>
              <Reason reason={reason} />
            </li>
          ))}
        </Box>
      </Typography>
      <Typography variant="body2">
        {CONFIDENCE_MEANINGS[suggestion.confidence]}
      </Typography>
      <Typography variant="body2" component="div">
        Reviewers:
        {suggestion.reviewers.length === 0 ? (
          <>
            {' '}
            <NoHolder />. Link a group to the role here or on{' '}
            <Link to={rolesPage()} underline="always">
              the roles page
            </Link>
            , or add the role to a Group's well-architected/roles annotation.
          </>
        ) : (
          <Box component="ul" m={0} pl={2}>
            {suggestion.reviewers.map(reviewer => (
              <ReviewerGroup key={reviewer.groupRef} reviewer={reviewer} />
            ))}
          </Box>
        )}
      </Typography>
    </Box>
  );
}

/** What the card hands down to its role rows. */
interface RowProps {
  /** The pillars, for their titles. */
  pillars: Pillar[];
  /** Called when a group was linked to a role from a row, to load the card again. */
  onLinked: () => void;
}

/** Called with the suggestions of a new evaluation of the entity, which the card then shows. */
type OnRefreshed = (result: SuggestionsResponse) => void;

/** The title of a pillar, its id when the list lacks it. */
function pillarTitle(pillars: Pillar[], id: PillarId) {
  return pillars.find(p => p.id === id)?.title ?? id;
}

function RoleRow(props: RowProps & { suggestion: Suggestion }) {
  const { suggestion, pillars, onLinked } = props;
  const classes = useStyles();
  const roleLink = useRouteRef(roleRouteRef);
  const [open, setOpen] = useState(false);
  const detailsId = `well-architected-role-${suggestion.roleId}`;
  const [top] = suggestion.reviewers;
  const [strongest] = suggestion.reasons;
  return (
    <li className={classes.row}>
      <div className={classes.line}>
        <Link
          to={roleLink({ roleId: suggestion.roleId })}
          className={classes.roleTitle}
          underline="always"
        >
          {suggestion.roleTitle}
        </Link>
        {suggestion.pillarIds.map(id => (
          <Chip
            key={id}
            size="small"
            variant="outlined"
            label={pillarTitle(pillars, id)}
          />
        ))}
        <Typography variant="caption" color="textSecondary">
          {suggestion.confidence} confidence
        </Typography>
        <Button
          size="small"
          className={classes.toggle}
          aria-expanded={open}
          aria-controls={detailsId}
          aria-label={`${open ? 'Hide details' : 'Details'} for ${
            suggestion.roleTitle
          }`}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide details' : 'Details'}
        </Button>
      </div>
      <Typography variant="body2" color="textSecondary" component="div">
        {strongest && <Reason reason={strongest} maxEntities={2} />}
        {' · Reviewer: '}
        {top ? (
          <>
            <EntityRefLink
              entityRef={top.groupRef}
              title={top.displayName}
              underline="always"
            />
            <FarAway reviewer={top} />
            {suggestion.reviewers.length > 1 &&
              ` and ${plural(suggestion.reviewers.length - 1, 'more group')}`}
          </>
        ) : (
          <>
            <NoHolder />
            <GapActions suggestion={suggestion} onLinked={onLinked} />
          </>
        )}
      </Typography>
      <SuggestionDecisionControl suggestion={suggestion} onDecided={onLinked} />
      {open && <RoleDetails suggestion={suggestion} id={detailsId} />}
    </li>
  );
}

function PillarFilter(props: {
  pillars: Pillar[];
  counts: Map<PillarId, number>;
  selected?: PillarId;
  onSelect: (pillarId?: PillarId) => void;
}) {
  const { pillars, counts, selected, onSelect } = props;
  const classes = useStyles();
  const option = (label: string, isSelected: boolean, pick: () => void) => (
    <Chip
      key={label}
      size="small"
      clickable
      component="button"
      aria-pressed={isSelected}
      color={isSelected ? 'primary' : 'default'}
      variant={isSelected ? 'default' : 'outlined'}
      icon={isSelected ? <CheckIcon /> : undefined}
      label={label}
      onClick={pick}
    />
  );
  return (
    <div role="group" aria-label="Filter roles by pillar">
      <div className={classes.filter}>
        {option('All pillars', !selected, () => onSelect(undefined))}
        {pillars
          .filter(p => counts.has(p.id))
          .map(p =>
            option(`${p.title} (${counts.get(p.id)})`, selected === p.id, () =>
              onSelect(p.id),
            ),
          )}
      </div>
    </div>
  );
}

function WhyNotMore(props: { result: SuggestionsResponse; pillars: Pillar[] }) {
  const { result, pillars } = props;
  const uncovered = result.uncoveredPillarIds.map(id =>
    pillarTitle(pillars, id),
  );
  return (
    <Typography variant="body2" color="textSecondary">
      Why not more?{' '}
      {uncovered.length === 0
        ? 'Every pillar has a suggested role.'
        : `No signal touched ${uncovered.join(', ')}.`}{' '}
      {plural(result.ruleIds.length, 'rule')} read the type, lifecycle, tags,
      labels, annotations and relations of{' '}
      {plural(result.inspectedEntityRefs.length, 'entity', 'entities')}.
    </Typography>
  );
}

function Gaps(props: { result: SuggestionsResponse }) {
  const { result } = props;
  const roleLink = useRouteRef(roleRouteRef);
  // A role its owners accepted or dismissed is no longer a gap.
  const unheld = result.suggestions.filter(
    s => s.reviewers.length === 0 && !s.decision,
  );
  if (unheld.length === 0) {
    return null;
  }
  return (
    <Typography variant="body2">
      Gaps: no group holds{' '}
      {unheld.map((s, index) => (
        <span key={s.roleId}>
          {index > 0 && ', '}
          <Link to={roleLink({ roleId: s.roleId })} underline="always">
            {s.roleTitle}
          </Link>
        </span>
      ))}
      .
    </Typography>
  );
}

function Suggestions(
  props: RowProps & { result: SuggestionsResponse; onRefreshed: OnRefreshed },
) {
  const { result, pillars, onLinked, onRefreshed } = props;
  const classes = useStyles();
  const [pillar, setPillar] = useState<PillarId>();
  const [showAll, setShowAll] = useState(false);
  const counts = new Map<PillarId, number>();
  for (const s of result.suggestions) {
    for (const id of s.pillarIds) {
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  const filtered = result.suggestions.filter(
    s => !pillar || s.pillarIds.includes(pillar),
  );
  const shown = showAll ? filtered : filtered.slice(0, ROWS_SHOWN);
  const held =
    result.suggestions.length -
    result.suggestions.filter(s => s.reviewers.length === 0).length;
  const gaps = result.suggestions.length - held;
  return (
    <>
      <div className={classes.line}>
        <Typography variant="body1" component="p">
          {plural(result.suggestions.length, 'role')} · {held} with reviewers ·{' '}
          {plural(gaps, 'gap')}
        </Typography>
        <EvaluationFreshness result={result} onRefreshed={onRefreshed} />
      </div>
      <PillarFilter
        pillars={pillars}
        counts={counts}
        selected={pillar}
        onSelect={setPillar}
      />
      <div className={classes.line}>
        <Typography variant="h6" component="h3">
          Suggested roles
        </Typography>
        <Typography variant="caption" color="textSecondary" aria-live="polite">
          Showing{' '}
          {pillar
            ? `the roles for ${pillarTitle(pillars, pillar)}`
            : 'the roles for all pillars'}
        </Typography>
      </div>
      <ul className={classes.list} aria-label="Suggested roles">
        {shown.map(s => (
          <RoleRow
            key={s.roleId}
            suggestion={s}
            pillars={pillars}
            onLinked={onLinked}
          />
        ))}
      </ul>
      {filtered.length > ROWS_SHOWN && (
        <Button size="small" onClick={() => setShowAll(!showAll)}>
          {showAll
            ? `Show the first ${ROWS_SHOWN} roles`
            : `Show all ${filtered.length} roles`}
        </Button>
      )}
      <Typography variant="h6" component="h3">
        Coverage
      </Typography>
      <Gaps result={result} />
      <WhyNotMore result={result} pillars={pillars} />
    </>
  );
}

function NothingMatched(props: {
  result: SuggestionsResponse;
  onRefreshed: OnRefreshed;
}) {
  const { result, onRefreshed } = props;
  const classes = useStyles();
  return (
    <>
      <div className={classes.line}>
        <EvaluationFreshness result={result} onRefreshed={onRefreshed} />
      </div>
      <Typography variant="body1" paragraph>
        No rule matched, so no role is suggested yet.
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {result.ruleIds.length} rules looked at{' '}
        {result.inspectedEntityRefs.length} entit
        {result.inspectedEntityRefs.length === 1 ? 'y' : 'ies'}:{' '}
        {result.inspectedEntityRefs.join(', ')}. Rules read the type, lifecycle,
        tags, labels and annotations of these entities and the kinds of
        Resources they depend on.
      </Typography>
    </>
  );
}

/**
 * The roles suggested to review the current System or Component, compact: a summary line, one
 * row per role with its pillars, confidence, strongest reason and top reviewer group (the rest on
 * expand), a pillar filter, the roles no group holds and the pillars no signal touched.
 *
 * @public
 */
export function ReviewersCard() {
  const { entity } = useEntity();
  const api = useApi(wellArchitectedApiRef);
  const entityRef = stringifyEntityRef(entity);
  // Retried after a group is linked from a gap: portal links count at once.
  const loaded = useAsyncRetry(
    () => Promise.all([api.getSuggestions(entityRef), api.getPillars()]),
    [api, entityRef],
  );
  // A refresh's answer replaces the suggestions it was asked from, until the card loads again.
  const [refreshed, setRefreshed] = useState<{
    from: typeof loaded.value;
    result: SuggestionsResponse;
  }>();
  const onRefreshed = (result: SuggestionsResponse) =>
    setRefreshed({ from: loaded.value, result });
  const value: typeof loaded.value =
    loaded.value && refreshed?.from === loaded.value
      ? [refreshed.result, loaded.value[1]]
      : loaded.value;
  return (
    <InfoCard title={TITLE} className={CARD_CLASS}>
      <AsyncContent
        state={{ ...loaded, value }}
        isEmpty={([result]) => result.suggestions.length === 0}
        empty={([result]) => (
          <NothingMatched result={result} onRefreshed={onRefreshed} />
        )}
      >
        {([result, pillars]) => (
          <Suggestions
            result={result}
            pillars={pillars.items}
            onLinked={loaded.retry}
            onRefreshed={onRefreshed}
          />
        )}
      </AsyncContent>
    </InfoCard>
  );
}
