/** An experiment as the rest of the platform sees it: plain data, no database types. */
export interface Experiment {
  id: string;
  name: string;
  description: string;
  tags: string[];
  owner: string | null;
  archived: boolean;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ExperimentFilter {
  namePrefix?: string;
  tag?: string;
  owner?: string;
  includeArchived?: boolean;
}

export type NewExperiment = Pick<Experiment, 'name' | 'description' | 'tags' | 'owner'>;
export type ExperimentChanges = Partial<NewExperiment>;
