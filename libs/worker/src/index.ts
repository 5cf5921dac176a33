export type { RetrainingClaimRequest, RetrainingJobPayload, RetrainingResult } from '../../contracts/src/index.js';
export { JobNoLongerOpenError, PlatformCompletionClient, PlatformRequestError, type ClaimedJob } from './platform-completion.client.js';
export { RetrainingConsumer } from './retraining.consumer.js';
export { RetrainingWorkerModule, type RetrainingWorkerAsyncOptions } from './retraining-worker.module.js';
export {
  RETRAINING_WORKER_OPTIONS,
  RetrainingFailedError,
  type RetrainingHandler,
  type RetrainingHandlerContext,
  type RetrainingWorkerOptions,
} from './retraining-worker.options.js';
