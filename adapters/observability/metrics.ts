/** The CloudWatch namespace every function's Powertools metrics go to; the dashboard reads the same name. */
export const METRICS_NAMESPACE = 'IndependentVisitors';

/** How many obligations the reconciler re-armed and rows it re-projected in a run; alarmed on at 1. */
export const RECONCILER_REPAIRS_METRIC = 'ReconcilerRepairs';
