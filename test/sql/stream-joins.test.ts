/** Windowed stream-to-stream joins (SR "JOIN clause" shapes: orders joined with shipments). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { start } from './runtime-harness.js';

const inputs = { ORDERS: { ID: 'INTEGER', ITEM: 'VARCHAR(8)' }, SHIPMENTS: { ORDER_ID: 'INTEGER' } };
const MIN = 60_000;

describe('stream-to-stream joins', () => {
  it('INNER: a shipment matches orders of the last minute; ROWTIME is the later of the two', () => {
    const { app, out } = start(
      `CREATE STREAM o (id INTEGER, item VARCHAR(8), order_time TIMESTAMP);
       CREATE PUMP p AS INSERT INTO o
         SELECT STREAM o.id, o.item, o.ROWTIME FROM ORDERS OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS o
         JOIN SHIPMENTS AS s ON o.id = s.order_id;`,
      inputs,
    );
    app.advanceTime(0);
    app.insert('ORDERS', { ID: 1, ITEM: 'pen' });
    app.advanceTime(10_000);
    app.insert('ORDERS', { ID: 2, ITEM: 'cup' });
    app.advanceTime(30_000);
    app.insert('SHIPMENTS', { ORDER_ID: 1 });
    app.advanceTime(65_000);
    app.insert('SHIPMENTS', { ORDER_ID: 1 }); // order 1 is 65 s old: outside the window
    app.insert('SHIPMENTS', { ORDER_ID: 2 });
    app.finish();
    assert.deepEqual(out.map((e) => [e.rowtime, e.row['ID'], e.row['ORDER_TIME']]), [[30_000, 1, 0], [65_000, 2, 10_000]]);
  });

  it('LEFT: an order never shipped is emitted with NULLs when it leaves its window', () => {
    const { app, out } = start(
      `CREATE STREAM o (id INTEGER, shipped INTEGER);
       CREATE PUMP p AS INSERT INTO o
         SELECT STREAM o.id, s.order_id FROM ORDERS OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS o
         LEFT JOIN SHIPMENTS AS s ON o.id = s.order_id;`,
      inputs,
    );
    app.insert('ORDERS', { ID: 1, ITEM: 'pen' });
    app.advanceTime(5_000);
    app.insert('ORDERS', { ID: 2, ITEM: 'cup' });
    app.advanceTime(20_000);
    app.insert('SHIPMENTS', { ORDER_ID: 2 });
    app.advanceTime(MIN + 1);
    assert.deepEqual(out.map((e) => [e.rowtime, e.row]), [[20_000, { ID: 2, SHIPPED: 2 }], [MIN, { ID: 1, SHIPPED: null }]]);
    app.finish();
    assert.equal(out.length, 2, 'order 2 matched, so it gets no NULL row');
  });

  it('RIGHT: the windowed right side is the outer side', () => {
    const { app, out } = start(
      `CREATE STREAM o (shipped INTEGER, id INTEGER);
       CREATE PUMP p AS INSERT INTO o
         SELECT STREAM s.order_id, o.id FROM SHIPMENTS AS s
         RIGHT JOIN ORDERS OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS o ON o.id = s.order_id;`,
      inputs,
    );
    app.insert('ORDERS', { ID: 1, ITEM: 'pen' });
    app.insert('ORDERS', { ID: 2, ITEM: 'cup' });
    app.advanceTime(1_000);
    app.insert('SHIPMENTS', { ORDER_ID: 1 });
    app.finish();
    assert.deepEqual(out.map((e) => [e.rowtime, e.row]), [[1_000, { SHIPPED: 1, ID: 1 }], [MIN, { SHIPPED: null, ID: 2 }]]);
  });

  it('a join of two unwindowed streams is rejected', () => {
    assert.throws(
      () => start('CREATE STREAM o (id INTEGER); CREATE PUMP p AS INSERT INTO o SELECT STREAM o.id FROM ORDERS o JOIN SHIPMENTS s ON o.id = s.order_id;', inputs),
      /needs a window on at least one input/,
    );
  });
});
