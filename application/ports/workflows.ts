/** Starts a deadline execution by name; a name already used means that obligation is already watched. */
export interface WorkflowStarter {
  start(name: string, input: unknown): Promise<'started' | 'already-exists'>;
}
