import {
  AuditorService,
  AuditorServiceCreateEventOptions,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';

/** Who asks for a change: their credentials, and the HTTP request when the change came as one. */
export interface Caller {
  credentials: BackstageCredentials;
  request?: AuditorServiceCreateEventOptions['request'];
}

/**
 * Runs `change` in an audit event of medium severity that names the actor in its metadata: an
 * action is not an HTTP request from which the auditor could read it. `change` returns its result
 * and the metadata the event records on success; a failure is recorded and thrown again.
 */
export async function auditedChange<T>(
  auditor: AuditorService,
  event: {
    eventId: string;
    request?: AuditorServiceCreateEventOptions['request'];
    meta: { actor: string } & Record<string, string>;
  },
  change: () => Promise<{ result: T; meta: object }>,
): Promise<T> {
  const { eventId, request, meta } = event;
  const audit = await auditor.createEvent({
    eventId,
    severityLevel: 'medium',
    request,
    meta,
  });
  try {
    const done = await change();
    await audit.success({ meta: done.meta });
    return done.result;
  } catch (error) {
    await audit.fail({ error: error as Error });
    throw error;
  }
}
