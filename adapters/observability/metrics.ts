/** The CloudWatch namespace every function's Powertools metrics go to; the dashboard reads the same name. */
export const METRICS_NAMESPACE = 'IndependentVisitors';
