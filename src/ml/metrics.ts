/**
 * Classification report: per-class precision, recall, F1, support and one-vs-rest ROC-AUC,
 * accuracy, macro averages, and the confusion matrix (rows = true class, columns = predicted).
 */
export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
  roc_auc: number | null;
}

export interface Report {
  per_class: Record<string, ClassMetrics>;
  accuracy: number;
  macro_f1: number;
  classes: string[];
  confusion_matrix: number[][];
  samples: number;
}

/** ROC-AUC by the rank statistic (ties averaged); null when one side is empty. */
export function rocAuc(scores: number[], positive: boolean[]): number | null {
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let nPos = 0;
  let rankSum = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]!] === scores[idx[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++)
      if (positive[idx[k]!]) {
        nPos++;
        rankSum += rank;
      }
    i = j + 1;
  }
  const nNeg = idx.length - nPos;
  if (nPos === 0 || nNeg === 0) return null;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

export function classificationReport(classes: string[], yTrue: number[], proba: number[][]): Report {
  const k = classes.length;
  const cm = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const yPred = proba.map((p) => p.indexOf(Math.max(...p)));
  yTrue.forEach((t, i) => cm[t]![yPred[i]!]!++);
  const per: Record<string, ClassMetrics> = {};
  let f1Sum = 0;
  let present = 0;
  classes.forEach((c, ci) => {
    const tp = cm[ci]![ci]!;
    const support = cm[ci]!.reduce((a, b) => a + b, 0);
    const predicted = cm.reduce((a, row) => a + row[ci]!, 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    const auc = rocAuc(
      proba.map((p) => p[ci] ?? 0),
      yTrue.map((t) => t === ci),
    );
    per[c] = { precision, recall, f1, support, roc_auc: auc };
    if (support) {
      f1Sum += f1;
      present++;
    }
  });
  const correct = yTrue.filter((t, i) => t === yPred[i]).length;
  return {
    per_class: per,
    accuracy: yTrue.length ? correct / yTrue.length : 0,
    macro_f1: present ? f1Sum / present : 0,
    classes,
    confusion_matrix: cm,
    samples: yTrue.length,
  };
}

export function formatReport(r: Report): string {
  const w = Math.max(8, ...r.classes.map((c) => c.length));
  const lines = [
    `${'class'.padEnd(w)}  precision  recall     f1  roc_auc  support`,
    ...r.classes.map((c) => {
      const m = r.per_class[c]!;
      return `${c.padEnd(w)}  ${m.precision.toFixed(4).padStart(9)}  ${m.recall.toFixed(4).padStart(6)}  ${m.f1
        .toFixed(4)
        .padStart(
          5,
        )}  ${(m.roc_auc === null ? '-' : m.roc_auc.toFixed(4)).padStart(7)}  ${String(m.support).padStart(7)}`;
    }),
    `accuracy ${r.accuracy.toFixed(4)}  macro F1 ${r.macro_f1.toFixed(4)}  samples ${r.samples}`,
    'confusion matrix (rows true, columns predicted):',
    `${''.padEnd(w)}  ${r.classes.map((c) => c.slice(0, 9).padStart(9)).join(' ')}`,
    ...r.confusion_matrix.map(
      (row, i) => `${r.classes[i]!.padEnd(w)}  ${row.map((v) => String(v).padStart(9)).join(' ')}`,
    ),
  ];
  return lines.join('\n');
}
