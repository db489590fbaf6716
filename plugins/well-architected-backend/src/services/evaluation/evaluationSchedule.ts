import {
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { durationToMilliseconds } from '@backstage/types';
import { CatalogEvaluator } from './CatalogEvaluator';
import { EvaluationSettings } from './evaluationConfig';

/** How many follow-up rounds a shard runs in a row before it waits for its interval again. */
export const MAX_FOLLOW_UPS = 20;

/**
 * Schedules the evaluation: each shard is a task of its own, which the scheduler runs on one
 * replica at a time, and the replica whose poll comes first after it is due takes it. The shards
 * start spread over the interval, so replicas share them, and a round's load is spread as well.
 *
 * A round that finds the catalog changing, as the first rounds after a start do while the catalog
 * is still processing its entities, is followed by another after `followUpDelay` instead of the
 * whole interval, until a round finds it settled: so an organisation read half-way through the
 * catalog's processing is not what suggestions show for the next interval. A follow-up still
 * waiting when the backend stops is dropped: the replicas that go on run their own rounds.
 */
export async function scheduleEvaluation(options: {
  scheduler: Pick<SchedulerService, 'scheduleTask' | 'triggerTask'>;
  evaluator: Pick<CatalogEvaluator, 'runRound'>;
  settings: EvaluationSettings;
  logger: LoggerService;
  lifecycle: Pick<LifecycleService, 'addShutdownHook'>;
}): Promise<void> {
  const { scheduler, evaluator, settings, logger, lifecycle } = options;
  const { shards } = settings;
  const followUpMs = durationToMilliseconds(settings.followUpDelay);
  const waiting = new Set<NodeJS.Timeout>();
  lifecycle.addShutdownHook(() => {
    waiting.forEach(clearTimeout);
    waiting.clear();
  });
  for (let shard = 0; shard < shards; shard++) {
    const id = `well-architected-evaluation-${shard + 1}-of-${shards}`;
    let followUps = 0;
    await scheduler.scheduleTask({
      id,
      ...settings.schedule,
      initialDelay: settings.initialDelayOf(shard),
      fn: async () => {
        const round = await evaluator.runRound({ shard, shards });
        if (!round || round.settled || followUps >= MAX_FOLLOW_UPS) {
          followUps = 0;
          return;
        }
        followUps++;
        // A timer of this replica; whichever replica's poll comes first runs the triggered task.
        const timer = setTimeout(() => {
          waiting.delete(timer);
          scheduler.triggerTask(id).catch(error => {
            // Running already (another replica took it), or the backend is stopping.
            logger.debug(`No follow-up evaluation round for ${id}: ${error}`);
          });
        }, followUpMs).unref();
        waiting.add(timer);
      },
    });
  }
}
