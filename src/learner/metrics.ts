/** Scores of predictions against 0/1 outcomes, as pyBKT reports them. Rows with outcome -1 are skipped. */

export function rmse(predictions: ArrayLike<number>, outcomes: ArrayLike<number>): number {
  let sum = 0
  let n = 0
  for (let i = 0; i < predictions.length; i++) {
    const y = outcomes[i]!
    if (y === -1) continue
    const d = predictions[i]! - y
    sum += d * d
    n++
  }
  return n === 0 ? NaN : Math.sqrt(sum / n)
}

/** Area under the ROC curve with ties counted half (the Mann-Whitney statistic, as scikit-learn). */
export function auc(predictions: ArrayLike<number>, outcomes: ArrayLike<number>): number {
  const items: { p: number; y: number }[] = []
  for (let i = 0; i < predictions.length; i++) {
    const y = outcomes[i]!
    if (y === -1) continue
    items.push({ p: predictions[i]!, y })
  }
  items.sort((a, b) => a.p - b.p)
  let positives = 0
  let negatives = 0
  let rankSumPositives = 0
  let i = 0
  while (i < items.length) {
    let j = i
    while (j < items.length && items[j]!.p === items[i]!.p) j++
    // Ranks i+1..j share their mean rank.
    const meanRank = (i + 1 + j) / 2
    for (let k = i; k < j; k++) {
      if (items[k]!.y === 1) {
        positives++
        rankSumPositives += meanRank
      } else negatives++
    }
    i = j
  }
  if (positives === 0 || negatives === 0) return NaN
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives)
}

export function accuracy(predictions: ArrayLike<number>, outcomes: ArrayLike<number>, threshold = 0.5): number {
  let hits = 0
  let n = 0
  for (let i = 0; i < predictions.length; i++) {
    const y = outcomes[i]!
    if (y === -1) continue
    if ((predictions[i]! >= threshold ? 1 : 0) === y) hits++
    n++
  }
  return n === 0 ? NaN : hits / n
}

/** Precision and recall of declaring mastery at `threshold` against a known latent state. */
export function masteryPrecisionRecall(pMastery: ArrayLike<number>, mastered: ArrayLike<number>, threshold = 0.95): { precision: number; recall: number; declared: number } {
  let declared = 0
  let truePositive = 0
  let actual = 0
  for (let i = 0; i < pMastery.length; i++) {
    const truth = mastered[i] === 1
    if (truth) actual++
    if (pMastery[i]! >= threshold) {
      declared++
      if (truth) truePositive++
    }
  }
  return { precision: declared === 0 ? NaN : truePositive / declared, recall: actual === 0 ? NaN : truePositive / actual, declared }
}
