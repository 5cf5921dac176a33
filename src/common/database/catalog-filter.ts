import { escapeRegex } from './escape-regex.js';

/** What a named catalogue (experiments, models) can be filtered by, as `CatalogQueryDto` takes it. */
export interface CatalogFilter {
  namePrefix?: string;
  tag?: string;
  owner?: string;
}

/** The query of a catalogue filter; the name prefix is matched as text, never as a pattern. */
export function catalogQuery(filter: CatalogFilter): { name?: { $regex: string }; tags?: string; owner?: string } {
  return {
    ...(filter.namePrefix ? { name: { $regex: `^${escapeRegex(filter.namePrefix)}` } } : {}),
    ...(filter.tag ? { tags: filter.tag } : {}),
    ...(filter.owner ? { owner: filter.owner } : {}),
  };
}
