/**
 * TOP_K_ITEMS_TUMBLING(CURSOR(…), 'columnName', K, windowSize): per tumbling window of windowSize seconds
 * (1..3600), the K (1..100000) most frequent values of the column, as rows (ITEM, ITEM_COUNT BIGINT), most frequent
 * first, with ROWTIME = the window's end. NULLs are not counted. Counting is exact up to EXACT_LIMIT distinct items
 * per window and Space-Saving beyond, which KDA's "approximate" contract allows.
 */
import { checkArity, columnArg, integerArg } from './arguments.js';
import { rowKey, type BoundTableFunction, type TableFunctionDef } from './contract.js';
import { FrequentItems } from './top-k/frequent-items.js';
import { itemKey } from './tumbling/item-key.js';
import { TumblingWindow } from './tumbling/tumbling-window.js';

const NAME = 'TOP_K_ITEMS_TUMBLING';

/** Distinct items per window counted exactly (at least 10·K). */
export const EXACT_LIMIT = 100_000;

export const topKItemsTumbling: TableFunctionDef = {
  name: NAME,
  bind(inputColumns, args): BoundTableFunction {
    checkArity(NAME, args, 3, 3);
    const column = columnArg(NAME, args, 0, 'columnName', inputColumns);
    const k = integerArg(NAME, args, 1, 'K', 1, 100000);
    const windowSize = integerArg(NAME, args, 2, 'windowSize', 1, 3600);
    const limits = { exactLimit: Math.max(EXACT_LIMIT, 10 * k), capacity: Math.max(10 * k, 10_000) };
    const columnKey = rowKey(column);
    return {
      outputColumns: [
        { name: 'ITEM', type: column.type },
        { name: 'ITEM_COUNT', type: { name: 'BIGINT', nullable: false } },
      ],
      create() {
        return new TumblingWindow<FrequentItems>(windowSize * 1000, {
          open: () => new FrequentItems(limits),
          add(items, row) {
            const value = row[columnKey];
            const key = itemKey(value);
            if (key !== undefined) items.add(key, value);
          },
          close(items, windowEnd, emit) {
            for (const item of items.top(k)) emit({ ITEM: item.value, ITEM_COUNT: item.count }, windowEnd);
          },
        });
      },
    };
  },
};
