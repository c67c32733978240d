/** The sampler's fast rejection bound decides exactly as comparing the drawn weight with the heaviest kept one. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Prng } from '../../../src/sql/table-functions/prng.js';
import { TimeDecaySampler } from '../../../src/sql/table-functions/rcf/time-decay-sampler.js';

describe('TimeDecaySampler.acceptedWeight', () => {
  for (const timeDecay of [100_000, 1_000, 20]) {
    it(`agrees with weightFor + wouldAccept (timeDecay ${timeDecay})`, () => {
      const sampler = new TimeDecaySampler(16, 1 / timeDecay);
      const rng = new Prng(timeDecay);
      let slot = 0;
      for (let seq = 0; seq < 16; seq++) sampler.add(sampler.weightFor(seq, rng.nextDouble()), slot++);
      let accepted = 0;
      for (let seq = 16; seq < 60_000; seq++) {
        const u = rng.nextDouble();
        const weight = sampler.weightFor(seq, u);
        const expected = sampler.wouldAccept(weight) ? weight : undefined;
        assert.equal(sampler.acceptedWeight(seq, u), expected, `seq ${seq}, u ${u}`);
        if (expected !== undefined) {
          sampler.replaceHeaviest(expected, slot++ % 16);
          accepted++;
        }
      }
      assert.ok(accepted > 10, `only ${accepted} points entered`);
    });
  }
});
