import type { OnModuleInit } from '@nestjs/common';
import type { Model, QueryFilter, SortOrder } from 'mongoose';

import { DEFAULT_PAGE_SIZE } from '../pagination/page-query.dto.js';
import { decodeCursor, encodeCursor, timeAt } from '../pagination/cursor.js';
import type { PageRequest } from '../pagination/page.js';

export interface RawPage<T> {
  docs: T[];
  nextCursor: string | null;
}

export function isDuplicateKeyError(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === 11000;
}

/**
 * Base of every repository: the only classes that hold a Mongoose model. Indexes are built before the
 * application accepts requests, so a unique index is in force from the first write.
 */
export abstract class MongoRepository<TDoc> implements OnModuleInit {
  protected constructor(protected readonly model: Model<TDoc>) {}

  async onModuleInit(): Promise<void> {
    await this.model.init();
  }

  /** Keyset pagination: stable under concurrent inserts, and documents missing the sort key sort as null. */
  protected async findPage(filter: QueryFilter<TDoc>, page: PageRequest): Promise<RawPage<TDoc>> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const field = page.sortField ?? '_id';
    const direction = page.direction ?? -1;
    const conditions: object[] = [filter];
    if (page.cursor) conditions.push(afterCursor(field, direction, this.positionOf(field, page.cursor)));
    const sort: Record<string, SortOrder> = field === '_id' ? { _id: direction } : { [field]: direction, _id: direction };
    const docs = (await this.model
      .find(conditions.length === 1 ? filter : ({ $and: conditions } as QueryFilter<TDoc>))
      .sort(sort)
      .limit(limit + 1)
      .lean()
      .exec()) as TDoc[];
    const hasMore = docs.length > limit;
    if (hasMore) docs.pop();
    const last = docs.at(-1) as Record<string, unknown> | undefined;
    const nextCursor = hasMore && last ? encodeCursor({ value: field === '_id' ? null : (valueAt(last, field) as number | Date | null), id: String(last._id) }) : null;
    return { docs, nextCursor };
  }

  private positionOf(field: string, cursor: string): { value: unknown; id: string } {
    const { value, id } = decodeCursor(cursor);
    const isTime = this.model.schema.path(field)?.instance === 'Date';
    return { value: isTime && value !== null ? timeAt(value) : value, id };
  }
}

function valueAt(doc: Record<string, unknown>, path: string): unknown {
  const value = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
  return value === undefined ? null : value;
}

function afterCursor(field: string, direction: 1 | -1, { value, id }: { value: unknown; id: string }): object {
  const op = direction === 1 ? '$gt' : '$lt';
  const idAfter = { _id: { [op]: id } };
  if (field === '_id') return idAfter;
  if (value === null) {
    // Nulls sort first ascending and last descending.
    return direction === 1 ? { $or: [{ [field]: { $ne: null } }, { [field]: null, ...idAfter }] } : { [field]: null, ...idAfter };
  }
  const beyond: object[] = [{ [field]: { [op]: value } }, { [field]: value, ...idAfter }];
  if (direction === -1) beyond.push({ [field]: null });
  return { $or: beyond };
}
