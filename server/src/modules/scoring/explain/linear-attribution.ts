/** A logistic regression as the card describes it: imputation, standardisation and coefficients. */
export interface LinearModel {
  intercept: number;
  coefficients: number[];
  /** Value used for a missing feature (the training median or mean). */
  imputation: number[];
  mean: number[];
  scale: number[];
}

/**
 * Exact attributions of a linear model's log-odds: coefficient x (standardised value - standardised mean),
 * i.e. each feature's deviation from the average training borrower. They add up, with the expectation, to
 * the margin.
 */
export function explainLinear(
  model: LinearModel,
  x: readonly number[],
): { contributions: Float64Array; expected: number; margin: number } {
  const contributions = new Float64Array(model.coefficients.length);
  let margin = model.intercept;
  model.coefficients.forEach((coef, i) => {
    const raw = Number.isNaN(x[i] as number) ? (model.imputation[i] as number) : (x[i] as number);
    const z = (raw - (model.mean[i] as number)) / ((model.scale[i] as number) || 1);
    // The scaled training mean is 0, so the deviation is z itself.
    contributions[i] = coef * z;
    margin += coef * z;
  });
  return { contributions, expected: model.intercept, margin };
}
