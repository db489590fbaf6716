import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  Box,
  Chip,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import {
  Pillar,
  Reviewer,
  Suggestion,
  SuggestionsResponse,
} from 'backstage-plugin-well-architected-common';
import { wellArchitectedApiRef } from '../../api';
import { roleRouteRef } from '../../routes';

const TITLE = 'Well-Architected reviewers';
const MEMBERS_SHOWN = 5;

function ReviewerGroup(props: { reviewer: Reviewer }) {
  const { reviewer } = props;
  const shown = reviewer.members.slice(0, MEMBERS_SHOWN);
  const more = reviewer.members.length - shown.length;
  return (
    <li>
      <EntityRefLink
        entityRef={reviewer.groupRef}
        title={reviewer.displayName}
      />{' '}
      <Typography variant="caption" color="textSecondary">
        ({reviewer.reason})
      </Typography>
      {shown.length > 0 && (
        <Typography variant="body2" component="div">
          {shown.map((member, index) => (
            <span key={member.userRef}>
              {index > 0 && ', '}
              <EntityRefLink
                entityRef={member.userRef}
                title={member.displayName}
              />
            </span>
          ))}
          {more > 0 && ` and ${more} more`}
        </Typography>
      )}
    </li>
  );
}

function Reviewers(props: { suggestion: Suggestion }) {
  const { reviewers } = props.suggestion;
  if (reviewers.length === 0) {
    return (
      <Typography variant="body2" color="error">
        No group holds this role yet.
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="overline" display="block">
        Suggested reviewers
      </Typography>
      <Box component="ul" m={0} pl={2}>
        {reviewers.map(reviewer => (
          <ReviewerGroup key={reviewer.groupRef} reviewer={reviewer} />
        ))}
      </Box>
    </>
  );
}

function CoverageGaps(props: {
  result: SuggestionsResponse;
  pillars: Pillar[];
}) {
  const { result, pillars } = props;
  if (result.gaps.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Every suggested role is held by at least one group.
      </Typography>
    );
  }
  const title = (roleId: string) =>
    result.suggestions.find(s => s.roleId === roleId)?.roleTitle ?? roleId;
  return (
    <Box>
      <Typography variant="h6" component="h3">
        Coverage gaps
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        Suggested roles that no group holds. Link a group to the role on the
        roles page, or add the role to a Group's well-architected/roles
        annotation.
      </Typography>
      <Box component="ul" m={0} pl={2}>
        {result.gaps.map(gap => (
          <li key={gap.pillarId}>
            <Typography variant="body2">
              {pillars.find(p => p.id === gap.pillarId)?.title ?? gap.pillarId}:{' '}
              {gap.roleIds.map(title).join(', ')}
            </Typography>
          </li>
        ))}
      </Box>
    </Box>
  );
}

function SuggestedRole(props: { suggestion: Suggestion }) {
  const { suggestion } = props;
  const roleLink = useRouteRef(roleRouteRef);
  return (
    <ListItem disableGutters alignItems="flex-start">
      <ListItemText
        primary={
          <Box display="flex" alignItems="center" gridGap={8}>
            <Link to={roleLink({ roleId: suggestion.roleId })}>
              {suggestion.roleTitle}
            </Link>
            <Chip size="small" label={`score ${suggestion.score}`} />
          </Box>
        }
        secondary={
          <>
            <Box component="ul" m={0} pl={2}>
              {suggestion.reasons.map(reason => (
                <li key={reason.ruleId}>{reason.message}</li>
              ))}
            </Box>
            <Reviewers suggestion={suggestion} />
          </>
        }
        secondaryTypographyProps={{ component: 'div' }}
      />
    </ListItem>
  );
}

function NothingMatched(props: { result: SuggestionsResponse }) {
  const { result } = props;
  return (
    <>
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

function SuggestionsByPillar(props: {
  result: SuggestionsResponse;
  pillars: Pillar[];
}) {
  const { result, pillars } = props;
  return (
    <>
      {pillars.map(pillar => {
        const suggestions = result.suggestions.filter(s =>
          s.pillarIds.includes(pillar.id),
        );
        if (suggestions.length === 0) {
          return null;
        }
        return (
          <Box key={pillar.id} mb={2}>
            <Typography variant="h6" component="h3">
              {pillar.title}
            </Typography>
            <List dense disablePadding>
              {suggestions.map(s => (
                <SuggestedRole key={s.roleId} suggestion={s} />
              ))}
            </List>
          </Box>
        );
      })}
      <CoverageGaps result={result} pillars={pillars} />
    </>
  );
}

/**
 * The roles suggested to review the current System or Component, grouped by pillar, each with
 * the reasons it is suggested, a link to the role on the roles page and the groups and people
 * that hold it; roles no group holds are listed as coverage gaps.
 *
 * @public
 */
export function ReviewersCard() {
  const { entity } = useEntity();
  const api = useApi(wellArchitectedApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => Promise.all([api.getSuggestions(entityRef), api.getPillars()]),
    [api, entityRef],
  );

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else {
    const [result, pillars] = value!;
    content =
      result.suggestions.length === 0 ? (
        <NothingMatched result={result} />
      ) : (
        <SuggestionsByPillar result={result} pillars={pillars.items} />
      );
  }
  return <InfoCard title={TITLE}>{content}</InfoCard>;
}
