/** The ML part of the public API (re-exported by src/index.ts). */
export { FEATURE_NAMES, type FeatureName } from './columns.js';
export { extractFeatures, type FlowFeatures, type ExtractOptions } from './extract.js';
export { LabelIndex, parseLabels, readLabels, type LabelRow } from './labels.js';
export { parseFeatureCsv, readFeatureCsv, type FeatureTable } from './table.js';
export {
  trainAndReport,
  toDataset,
  fit,
  evaluate,
  MODEL_KINDS,
  type ModelKind,
  type TrainOptions,
} from './train/index.js';
export { classificationReport, formatReport, type Report, type ClassMetrics } from './metrics.js';
export { fitBaseline, fitIsolationForest } from './baseline.js';
export { MODEL_FORMAT, predictProba, readModel, scoreOf, validateModel, type ModelJson } from './model.js';
export type { EngineMlOptions, MlScore } from './engine-ml.js';
export { eveMlEvent } from '../outputs/eve-ml.js';
