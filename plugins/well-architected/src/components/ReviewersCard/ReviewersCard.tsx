import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
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
  Suggestion,
  SuggestionsResponse,
} from 'backstage-plugin-well-architected-common';
import { wellArchitectedApiRef } from '../../api';
import { roleRouteRef } from '../../routes';

const TITLE = 'Well-Architected reviewers';

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
          <Box component="ul" m={0} pl={2}>
            {suggestion.reasons.map(reason => (
              <li key={reason.ruleId}>{reason.message}</li>
            ))}
          </Box>
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
    </>
  );
}

/**
 * The roles suggested to review the current System or Component, grouped by pillar, each with
 * the reasons it is suggested and a link to the role on the roles page.
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
