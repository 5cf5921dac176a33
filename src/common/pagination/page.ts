import { Type as NestType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Which page to read: services pass the limit and cursor, repositories add the order. */
export interface PageRequest {
  limit?: number;
  cursor?: string;
  /** Dotted path of the sort key; `_id` always breaks ties so the order is total and stable. */
  sortField?: string;
  direction?: 1 | -1;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function mapPage<T, R>(page: Page<T>, map: (item: T) => R): Page<R> {
  return { items: page.items.map(map), nextCursor: page.nextCursor };
}

/** Builds a documented page class for one item type; extend it with a named class so OpenAPI shows a real schema. */
export function PageResponseDto<T>(item: NestType<T>): NestType<Page<T>> {
  class PageOf implements Page<T> {
    @ApiProperty({ type: [item] })
    items: T[];

    @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as `cursor` to get the next page; null on the last page' })
    nextCursor: string | null;
  }
  return PageOf;
}
