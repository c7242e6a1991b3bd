/** Bad input: typed errors that name the argument; inputs never mutated; nothing half-built. */
import { describe, expect, it } from 'vitest';
import { InsufficientLotsError, InvalidArgumentError } from '../../src/core/errors.ts';
import { buildLedger, holdingPeriodTerm, longTermStartDate, type TaxTransaction } from '../../src/tax-lots/index.ts';
import { deepFreeze } from '../helpers.ts';

const base: TaxTransaction[] = [
  { type: 'buy', date: '2023-01-03', asset: 'A', quantity: 10, price: 20, id: 'a' },
  { type: 'buy', date: '2023-02-03', asset: 'A', quantity: 5, price: 22, id: 'b' },
];

function expectArg(f: () => unknown, cls: typeof InvalidArgumentError, argument: string, message: RegExp): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(cls);
  expect((err as InvalidArgumentError).argument).toBe(argument);
  expect((err as Error).message).toMatch(message);
  expect((err as Error).message).toMatch(/^buildLedger: /);
}

describe('buildLedger errors', () => {
  it('selling more than is held: InsufficientLotsError with asset, date and shortfall', () => {
    let err: unknown;
    try {
      buildLedger([...base, { type: 'sell', date: '2023-03-01', asset: 'A', quantity: '15.5', price: 30 }]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InsufficientLotsError);
    const e = err as InsufficientLotsError;
    expect([e.asset, e.date, e.shortfall, e.code]).toEqual(['A', '2023-03-01', '0.5', 'INSUFFICIENT_LOTS']);
    expect(e.message).toMatch(/`transactions\[2\]`.*shortfall 0.5/);
    // In another account nothing is held.
    expect(() => buildLedger([...base, { type: 'transfer-out', date: '2023-03-01', asset: 'A', quantity: 1, account: 'x' }])).toThrow(InsufficientLotsError);
  });

  it('specific identification: unknown lot id, too much of a lot, quantities that do not add up, missing lots', () => {
    expectArg(
      () => buildLedger([...base, { type: 'sell', date: '2023-03-01', asset: 'A', quantity: 1, price: 1, lots: [{ lot: 'zz', quantity: 1 }] }]),
      InvalidArgumentError,
      'transactions[2].lots[0].lot',
      /"zz".*open lots: a, b/,
    );
    expect(() => buildLedger([...base, { type: 'sell', date: '2023-03-01', asset: 'A', quantity: 6, price: 1, lots: [{ lot: 'b', quantity: 6 }] }])).toThrow(
      InsufficientLotsError,
    );
    expectArg(
      () => buildLedger([...base, { type: 'sell', date: '2023-03-01', asset: 'A', quantity: 3, price: 1, lots: [{ lot: 'a', quantity: 2 }] }]),
      InvalidArgumentError,
      'transactions[2].lots',
      /add up to 2, not the sale quantity 3/,
    );
    expectArg(
      () => buildLedger([...base, { type: 'sell', date: '2023-03-01', asset: 'A', quantity: 3, price: 1 }], { method: 'specific' }),
      InvalidArgumentError,
      'transactions[2].lots',
      /required/,
    );
    expectArg(
      () => buildLedger([...base, { type: 'sell', date: '2023-03-01', asset: 'A', quantity: 3, price: 1, method: 'fifo', lots: [{ lot: 'a', quantity: 3 }] }]),
      InvalidArgumentError,
      'transactions[2].lots',
      /'fifo'/,
    );
  });

  it('out-of-order and invalid dates', () => {
    expectArg(() => buildLedger([base[1]!, base[0]!]), InvalidArgumentError, 'transactions[1].date', /date order/);
    expectArg(() => buildLedger([{ ...base[0]!, date: '2023-02-30' }]), InvalidArgumentError, 'transactions[0].date', /ISO date/);
    expectArg(
      () => buildLedger([{ type: 'transfer-in', date: '2023-01-03', asset: 'A', quantity: 1, basis: 1, acquired: '2023-01-04' }]),
      InvalidArgumentError,
      'transactions[0].acquired',
      /on or before/,
    );
  });

  it('negative or non-finite quantities, prices and amounts', () => {
    expectArg(() => buildLedger([{ ...base[0]!, quantity: -1 } as TaxTransaction]), InvalidArgumentError, 'transactions[0].quantity', /positive/);
    expectArg(() => buildLedger([{ ...base[0]!, quantity: 0 } as TaxTransaction]), InvalidArgumentError, 'transactions[0].quantity', /positive/);
    expectArg(() => buildLedger([{ ...base[0]!, price: -0.01 } as TaxTransaction]), InvalidArgumentError, 'transactions[0].price', /non-negative/);
    expectArg(() => buildLedger([{ ...base[0]!, price: Number.NaN } as TaxTransaction]), InvalidArgumentError, 'transactions[0].price', /finite/);
    expectArg(() => buildLedger([{ ...base[0]!, price: 'ten' } as TaxTransaction]), InvalidArgumentError, 'transactions[0].price', /finite/);
    expectArg(() => buildLedger([{ ...base[0]!, fee: -1 } as TaxTransaction]), InvalidArgumentError, 'transactions[0].fee', /non-negative/);
    expectArg(
      () => buildLedger([...base, { type: 'dividend', date: '2023-03-01', asset: 'A', amount: 'Infinity' }]),
      InvalidArgumentError,
      'transactions[2].amount',
      /finite/,
    );
    // Beyond 100 digits either side of the point: 1e400 would give a `number` of Infinity (null in
    // JSON). '1e-200000' took over a minute to parse (a /0+$/ strip backtracked quadratically over
    // the 200,000 zeros), so without the fix this line times out.
    expectArg(() => buildLedger([{ ...base[0]!, price: '1e400' } as TaxTransaction]), InvalidArgumentError, 'transactions[0].price', /at most 100 digits/);
    expectArg(() => buildLedger([{ ...base[0]!, price: '1e-200000' } as TaxTransaction]), InvalidArgumentError, 'transactions[0].price', /at most 100 digits/);
    expectArg(() => buildLedger([{ ...base[0]!, quantity: 1e300 } as TaxTransaction]), InvalidArgumentError, 'transactions[0].quantity', /at most 100 digits/);
    // 100 digits is still fine: 10^99 has exactly 100 integer digits.
    expect(buildLedger([{ ...base[0]!, quantity: 1, price: `1${'0'.repeat(99)}` } as TaxTransaction]).lots[0]!.basis.decimal).toBe(`1${'0'.repeat(99)}`);
    expectArg(
      () => buildLedger([...base, { type: 'split', date: '2023-03-01', asset: 'A', ratio: { newShares: 2, oldShares: 0 } }]),
      InvalidArgumentError,
      'transactions[2].ratio.oldShares',
      /positive/,
    );
  });

  it('unknown transaction types and fields, duplicate ids, missing assets', () => {
    expectArg(() => buildLedger([{ ...base[0]!, type: 'purchase' } as unknown as TaxTransaction]), InvalidArgumentError, 'transactions[0].type', /'buy'/);
    expectArg(() => buildLedger([{ ...base[0]!, qty: 3 } as unknown as TaxTransaction]), InvalidArgumentError, 'transactions[0].qty', /not a field/);
    expectArg(() => buildLedger([base[0]!, { ...base[1]!, id: 'a' }]), InvalidArgumentError, 'transactions[1].id', /not unique/);
    expectArg(() => buildLedger([{ ...base[0]!, asset: '' }]), InvalidArgumentError, 'transactions[0].asset', /non-empty/);
    expectArg(() => buildLedger('x' as never), InvalidArgumentError, 'transactions', /array/);
    expectArg(
      () => buildLedger([{ type: 'return-of-capital', date: '2023-01-03', asset: 'A', amount: 5 }]),
      InvalidArgumentError,
      'transactions[0]',
      /no shares are held/,
    );
  });

  it('options: unknown option or method, tax-optimal without rates, overlapping groups', () => {
    expect(() => buildLedger(base, { methd: 'fifo' } as never)).toThrow(/unknown option `methd`/);
    expectArg(() => buildLedger(base, { method: 'newest' as never }), InvalidArgumentError, 'method', /'fifo'/);
    expectArg(() => buildLedger(base, { accountMethods: { x: 'nope' as never } }), InvalidArgumentError, 'accountMethods.x', /'lifo'/);
    expectArg(() => buildLedger(base, { method: 'tax-optimal' }), InvalidArgumentError, 'taxRates', /tax-optimal/);
    expectArg(
      () => buildLedger([...base, { type: 'sell', date: '2023-03-01', asset: 'A', quantity: 1, price: 1, method: 'tax-optimal' }]),
      InvalidArgumentError,
      'taxRates',
      /tax-optimal/,
    );
    expectArg(
      () =>
        buildLedger(base, {
          substantiallyIdentical: [
            ['A', 'B'],
            ['B', 'C'],
          ],
        }),
      InvalidArgumentError,
      'substantiallyIdentical[1]',
      /two/,
    );
    expectArg(() => buildLedger(base, { taxRates: { shortTerm: 0.3, longTerm: -0.1 } }), InvalidArgumentError, 'taxRates.longTerm', /must be in/);
  });

  it('never mutates its inputs (deep-frozen transactions and options) and throws without partial results', () => {
    const tx = deepFreeze([
      ...base,
      {
        type: 'sell',
        date: '2023-03-01',
        asset: 'A',
        quantity: 12,
        price: 15,
        lots: [
          { lot: 'a', quantity: 10 },
          { lot: 'b', quantity: 2 },
        ],
      },
      { type: 'buy', date: '2023-03-10', asset: 'A', quantity: 4, price: 14 },
      { type: 'split', date: '2023-04-03', asset: 'A', ratio: { newShares: 2, oldShares: 1 } },
    ] as TaxTransaction[]);
    const opts = deepFreeze({ method: 'hifo' as const, substantiallyIdentical: [['A', 'B']], accountMethods: { default: 'lifo' as const } });
    const snapshot = JSON.stringify([tx, opts]);
    const l = buildLedger(tx, opts);
    expect(JSON.stringify([tx, opts])).toBe(snapshot);
    expect(l.transactions).toEqual(tx);
    expect(l.transactions[2]).not.toBe(tx[2]);
    // A failing build returns nothing; a later good build is unaffected.
    expect(() => buildLedger([...tx, { type: 'sell', date: '2023-05-01', asset: 'A', quantity: 100, price: 1 }], opts)).toThrow(InsufficientLotsError);
    expect(buildLedger(tx, opts)).toEqual(l);
  });
});

describe('holding-period helpers: bad dates', () => {
  it('holdingPeriodTerm rejects a sale before the acquisition and names its own arguments', () => {
    let err: unknown;
    try {
      holdingPeriodTerm('2024-05-01', '2024-01-01');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as InvalidArgumentError).argument).toBe('sold');
    expect((err as Error).message).toMatch(/^holdingPeriodTerm: `sold` \(2024-01-01\) must be on or after `acquired` \(2024-05-01\)/);
    expect(() => holdingPeriodTerm('2024-13-01', '2025-01-01')).toThrow(/^holdingPeriodTerm: `acquired`/);
    expect(() => longTermStartDate('2023-02-29')).toThrow(/^longTermStartDate: `acquired`/);
    // Same-day sale is allowed (short-term).
    expect(holdingPeriodTerm('2024-05-01', '2024-05-01')).toBe('short');
  });
});
