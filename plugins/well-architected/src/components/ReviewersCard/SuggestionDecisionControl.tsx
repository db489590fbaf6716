import { ReactNode, useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@material-ui/core';
import { Autocomplete } from '@material-ui/lab';
import {
  DISMISS_REASONS,
  DismissReason,
  Suggestion,
  SuggestionDecision,
  SuggestionDecisionRequest,
  suggestionDecidePermission,
} from 'backstage-plugin-well-architected-common';
import { wellArchitectedApiRef } from '../../api';
import { useAlertedAction } from '../useAlertedAction';
import { useEntityChoices } from '../CoverageFilters';

/** The title of each reason to dismiss a role; the dialog offers them in the API's order. */
const REASON_TITLES: Record<DismissReason, string> = {
  'not-applicable': 'Not applicable here',
  'covered-elsewhere': 'Covered elsewhere',
  other: 'Another reason',
};

/** A day as the card shows it, the same for every reader: 2026-12-01. */
const day = (timestamp: string) => timestamp.slice(0, 10);

/** Why a role was dismissed, as the end of "…, because …". */
function because(decision: SuggestionDecision): string {
  switch (decision.reason) {
    case 'covered-elsewhere':
      return `it is covered elsewhere: ${decision.where ?? ''}`;
    case 'other':
      return decision.text ?? 'of another reason';
    default:
      return 'it does not apply here';
  }
}

/** "Accepted by Alice on 2026-12-01: reviewed by SRE team" or "Dismissed by … because …". */
function DecisionText(props: { decision: SuggestionDecision }) {
  const { decision } = props;
  const by = decision.decidedBy && (
    <>
      {' by '}
      <EntityRefLink entityRef={decision.decidedBy} underline="always" />
    </>
  );
  if (decision.decision === 'accepted') {
    return (
      <>
        Accepted{by} on {day(decision.decidedAt)}
        {decision.groupRef && (
          <>
            {': reviewed by '}
            <EntityRefLink entityRef={decision.groupRef} underline="always" />
          </>
        )}
      </>
    );
  }
  return (
    <>
      Dismissed{by} on {day(decision.decidedAt)}, because {because(decision)}
      {decision.expiresAt && ` (suggested again on ${day(decision.expiresAt)})`}
    </>
  );
}

interface GroupChoice {
  ref: string;
  title: string;
  suggested: boolean;
}

/** What each decision dialog is given: the role, whether a change is under way, the outcomes. */
interface DecisionDialogProps {
  suggestion: Suggestion;
  busy: boolean;
  onClose: () => void;
  onDecide: (request: SuggestionDecisionRequest) => void;
}

/** A dialog titled "<verb> <role>", with Cancel and a button that sends `request` when there is one. */
function DecisionDialog(props: {
  verb: 'Accept' | 'Dismiss';
  dialog: DecisionDialogProps;
  request?: SuggestionDecisionRequest;
  children: ReactNode;
}) {
  const { verb, request, children } = props;
  const { suggestion, busy, onClose, onDecide } = props.dialog;
  const titleId = `${verb.toLocaleLowerCase('en')}-suggestion-title`;
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>
        {verb} {suggestion.roleTitle}
      </DialogTitle>
      <DialogContent>{children}</DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!request || busy}
          onClick={() => request && onDecide(request)}
        >
          {verb}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Picks the reviewer group: the suggested ones first, then every Group of the catalog. */
function AcceptDialog(props: DecisionDialogProps) {
  const { suggestion } = props;
  const groups = useEntityChoices('Group');
  const suggested: GroupChoice[] = suggestion.reviewers.map(r => ({
    ref: r.groupRef,
    title: r.displayName,
    suggested: true,
  }));
  const options = [
    ...suggested,
    ...(groups.value ?? [])
      .filter(g => !suggested.some(s => s.ref === g.ref))
      .map(g => ({ ...g, suggested: false })),
  ];
  const [picked, setPicked] = useState<GroupChoice | null>(
    suggested[0] ?? null,
  );
  return (
    <DecisionDialog
      verb="Accept"
      dialog={props}
      request={
        picked ? { decision: 'accepted', groupRef: picked.ref } : undefined
      }
    >
      <Typography variant="body2" paragraph>
        Which group reviews this role here? Pick a suggested group or any other.
      </Typography>
      <Autocomplete
        id="well-architected-accept-group"
        options={options}
        loading={groups.loading}
        value={picked}
        onChange={(_event, option) => setPicked(option)}
        groupBy={option =>
          option.suggested ? 'Suggested groups' : 'Other groups'
        }
        getOptionLabel={option => option.title}
        getOptionSelected={(option, value) => option.ref === value.ref}
        renderInput={params => (
          <TextField
            {...params}
            label="Reviewer group"
            variant="outlined"
            size="small"
          />
        )}
      />
      {groups.error && (
        <Typography variant="body2" color="error">
          Groups could not be loaded: {groups.error.message}
        </Typography>
      )}
    </DecisionDialog>
  );
}

/** The words a reason needs: where the role is covered, or the reason itself. */
const REASON_WORDS = {
  'covered-elsewhere': {
    field: 'where',
    label: 'Where',
    helperText: 'The team or process that covers it',
    maxLength: 200,
  },
  other: {
    field: 'text',
    label: 'Reason',
    helperText: 'In a few words',
    maxLength: 500,
  },
} as const;

/** Asks why the role is dismissed, where it is covered or in words, and until when. */
function DismissDialog(props: DecisionDialogProps) {
  const [reason, setReason] = useState<DismissReason>('not-applicable');
  const [words, setWords] = useState('');
  const [until, setUntil] = useState('');
  const wordsField =
    reason === 'not-applicable' ? undefined : REASON_WORDS[reason];
  const request: SuggestionDecisionRequest = {
    decision: 'dismissed',
    reason,
    ...(wordsField && { [wordsField.field]: words.trim() }),
    ...(until && { expiresAt: new Date(`${until}T00:00:00Z`).toISOString() }),
  };
  return (
    <DecisionDialog
      verb="Dismiss"
      dialog={props}
      request={wordsField && !words.trim() ? undefined : request}
    >
      <RadioGroup
        aria-label="Why"
        value={reason}
        onChange={event => setReason(event.target.value as DismissReason)}
      >
        {DISMISS_REASONS.map(value => (
          <FormControlLabel
            key={value}
            value={value}
            control={<Radio />}
            label={REASON_TITLES[value]}
          />
        ))}
      </RadioGroup>
      {wordsField && (
        <TextField
          id={`well-architected-dismiss-${wordsField.field}`}
          label={wordsField.label}
          helperText={wordsField.helperText}
          required
          fullWidth
          margin="dense"
          inputProps={{ maxLength: wordsField.maxLength }}
          value={words}
          onChange={event => setWords(event.target.value)}
        />
      )}
      <TextField
        id="well-architected-dismiss-until"
        label="Suggest again on"
        helperText="Optional; never when empty"
        type="date"
        margin="dense"
        InputLabelProps={{ shrink: true }}
        value={until}
        onChange={event => setUntil(event.target.value)}
      />
    </DecisionDialog>
  );
}

/**
 * What the owners decided about a suggested role, with Undo, or Accept and Dismiss when nothing
 * is decided yet. The buttons show only where the policy lets the user decide about the entity;
 * the outcome is reported through the alert API.
 */
export function SuggestionDecisionControl(props: {
  suggestion: Suggestion;
  /** Called after a decision is made or undone, so that the card's summary and gaps follow. */
  onDecided: () => void;
}) {
  const { suggestion, onDecided } = props;
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(wellArchitectedApiRef);
  const alertApi = useApi(alertApiRef);
  const { allowed } = usePermission({
    permission: suggestionDecidePermission,
    resourceRef: entityRef,
  });
  const [decision, setDecision] = useState(suggestion.decision);
  const [dialog, setDialog] = useState<'Accept' | 'Dismiss'>();
  const { busy, run: alerted } = useAlertedAction(
    'Could not change the decision',
  );

  const run = (
    change: () => Promise<SuggestionDecision | undefined>,
    done: string,
  ) =>
    alerted(async () => {
      setDecision(await change());
      setDialog(undefined);
      onDecided();
      alertApi.post({
        message: done,
        severity: 'success',
        display: 'transient',
      });
    });
  const dialogProps: DecisionDialogProps = {
    suggestion,
    busy,
    onClose: () => setDialog(undefined),
    onDecide: request =>
      run(
        () => api.decideSuggestion(entityRef, suggestion.roleId, request),
        `${request.decision === 'accepted' ? 'Accepted' : 'Dismissed'} ${
          suggestion.roleTitle
        }`,
      ),
  };

  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
      {decision && (
        <Typography variant="body2" component="span">
          <DecisionText decision={decision} />
        </Typography>
      )}
      {allowed && decision && (
        <Button
          size="small"
          disabled={busy}
          aria-label={`Undo the decision about ${suggestion.roleTitle}`}
          onClick={() =>
            run(async () => {
              await api.undoSuggestionDecision(entityRef, suggestion.roleId);
              return undefined;
            }, `${suggestion.roleTitle} is suggested again`)
          }
        >
          Undo
        </Button>
      )}
      {allowed &&
        !decision &&
        (['Accept', 'Dismiss'] as const).map(verb => (
          <Button
            key={verb}
            size="small"
            aria-label={`${verb} ${suggestion.roleTitle}`}
            onClick={() => setDialog(verb)}
          >
            {verb}
          </Button>
        ))}
      {dialog === 'Accept' && <AcceptDialog {...dialogProps} />}
      {dialog === 'Dismiss' && <DismissDialog {...dialogProps} />}
    </Box>
  );
}
