/** RxJS operators for monitoring netsift's streams, one per file. */
export { rates, type Rates, type CounterSnapshot } from './rates.js';
export { topK, type Ranked } from './top-k.js';
export { threshold, type ThresholdSpec } from './threshold.js';
export { suppress, type Suppression, type SuppressibleAlert } from './suppress.js';
export { batchWithin } from './batch-within.js';
