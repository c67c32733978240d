/**
 * COUNT_DISTINCT_ITEMS_TUMBLING(CURSOR(…), 'columnName', windowSize): per tumbling window of windowSize seconds
 * (1..3600), one row NUMBER_OF_DISTINCT_ITEMS (BIGINT) with ROWTIME = the window's end. Exact up to 10,000 distinct
 * items, HyperLogLog beyond. NULLs are not counted.
 */
import { checkArity, columnArg, integerArg } from './arguments.js';
import { rowKey, type BoundTableFunction, type TableFunctionDef } from './contract.js';
import { DistinctCounter } from './count-distinct/distinct-counter.js';
import { itemKey } from './tumbling/item-key.js';
import { TumblingWindow } from './tumbling/tumbling-window.js';

const NAME = 'COUNT_DISTINCT_ITEMS_TUMBLING';

export const countDistinctItemsTumbling: TableFunctionDef = {
  name: NAME,
  bind(inputColumns, args): BoundTableFunction {
    checkArity(NAME, args, 2, 2);
    const column = columnArg(NAME, args, 0, 'columnName', inputColumns);
    const windowSize = integerArg(NAME, args, 1, 'windowSize', 1, 3600);
    const columnKey = rowKey(column);
    return {
      outputColumns: [{ name: 'NUMBER_OF_DISTINCT_ITEMS', type: { name: 'BIGINT', nullable: false } }],
      create() {
        return new TumblingWindow<DistinctCounter>(windowSize * 1000, {
          open: () => new DistinctCounter(),
          add(counter, row) {
            const key = itemKey(row[columnKey]);
            if (key !== undefined) counter.add(key);
          },
          close(counter, windowEnd, emit) {
            emit({ NUMBER_OF_DISTINCT_ITEMS: counter.count() }, windowEnd);
          },
        });
      },
    };
  },
};
