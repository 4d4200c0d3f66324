/**
 * The seed of the property tests in `npm test`: fixed, so a failure is the same on every machine
 * and every run. PROPERTY_SEED=… runs them with another (what `npm run fuzz` does at length).
 */
export const SEED = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : 20_251_111;
