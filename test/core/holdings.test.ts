/**
 * readHoldings / readOrder: every error path and the derivations (market value = quantity × price,
 * exact; NAV; weights; the weights basis). Expected values are hand computations.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/core/errors.ts';
import { exactProduct, isHoldings, readHoldings, readOrder, type Holdings } from '../../src/core/holdings.ts';
import { deepFreeze, expectTypedError } from '../helpers.ts';

const read = (h: unknown) => readHoldings('f', 'holdings', h as Holdings);

describe('readHoldings: derivations', () => {
  it('derives market value exactly, NAV and weights; keeps numbers given as numbers', () => {
    const input = deepFreeze({
      asOf: '2024-12-31',
      baseCurrency: 'USD',
      cash: 200,
      positions: [
        { asset: 'AAA', quantity: '3', price: '100.10', sector: 'Energy', tags: { region: 'EU' } },
        { asset: 'BBB', marketValue: 499.7, country: 'DE', assetClass: 'Equity', currency: 'EUR', issuer: 'B plc', averageDailyVolume: 1e6 },
      ],
    });
    const h = read(input);
    expect(h.basis).toBe('values');
    expect(h.asOf).toBe('2024-12-31');
    expect(h.baseCurrency).toBe('USD');
    expect(h.positions[0]!.marketValue).toEqual({ decimal: '300.3', number: 300.3 }); // 3 × 100.10
    expect(h.positions[0]!.quantity).toEqual({ decimal: '3', number: 3 });
    expect(h.positions[0]!.price).toEqual({ decimal: '100.1', number: 100.1 });
    expect(h.nav).toEqual({ decimal: '1000', number: 1000 }); // 300.3 + 499.7 + 200
    expect(h.positions[0]!.weight).toBe(0.3003);
    expect(h.positions[1]!.weight).toBe(0.4997);
    expect(h.positions[0]!.tags).toEqual({ region: 'EU', sector: 'Energy' });
    expect(h.positions[1]!.tags).toEqual({ country: 'DE', assetClass: 'Equity', currency: 'EUR' });
    expect(h.positions[1]!.issuer).toBe('B plc');
    expect(h.positions[1]!.averageDailyVolume).toBe(1e6);
    expect(h.cash).toEqual({ decimal: '200', number: 200 });
  });

  it('is exact where doubles are not: 3 × 0.1 = 0.3, not 0.30000000000000004', () => {
    const h = read({ positions: [{ asset: 'A', quantity: 3, price: '0.1' }] });
    expect(h.positions[0]!.marketValue).toEqual({ decimal: '0.3', number: 0.3 });
    expect(read({ positions: [{ asset: 'A', marketValue: '1e3' }] }).positions[0]!.marketValue).toEqual({ decimal: '1000', number: 1000 });
  });

  it('accepts consistent quantity, price and market value (to half a cent) and a consistent weight', () => {
    const h = read({ cash: 699.7, positions: [{ asset: 'A', quantity: 3, price: '100.10', marketValue: 300.3, weight: 0.3003 }] });
    expect(h.positions[0]!.marketValue).toEqual({ decimal: '300.3', number: 300.3 });
    expect(read({ positions: [{ asset: 'A', quantity: 3, price: 1, marketValue: 3.004 }] }).positions[0]!.marketValue!.number).toBe(3.004);
  });

  it('weights basis: NAV 1, cash 1 − Σ weights, no market values; quantities may be given', () => {
    const h = read({
      positions: [
        { asset: 'A', weight: 0.6 },
        { asset: 'B', weight: 0.35, quantity: 10 },
      ],
    });
    expect(h.basis).toBe('weights');
    expect(h.nav).toEqual({ decimal: '1', number: 1 });
    expect(h.cash.number).toBeCloseTo(0.05, 15);
    expect(h.positions[0]!.marketValue).toBeUndefined();
    expect(h.positions[1]!.quantity!.number).toBe(10);
  });

  it('returns a frozen structure and does not change its input', () => {
    const input = deepFreeze({ positions: [{ asset: 'A', quantity: 1, price: 2, tags: { s: 'x' } }] });
    const h = read(input);
    expect(Object.isFrozen(h)).toBe(true);
    expect(Object.isFrozen(h.positions)).toBe(true);
    expect(Object.isFrozen(h.positions[0])).toBe(true);
    expect(Object.isFrozen(h.positions[0]!.tags)).toBe(true);
    expect(Object.isFrozen(h.positions[0]!.marketValue)).toBe(true);
  });

  it('passes extra keys a domain allows', () => {
    const h = readHoldings('f', 'holdings', { positions: [{ asset: 'A', marketValue: 1, kind: 'government' } as never] }, { extraKeys: ['kind'] });
    expect(h.positions[0]!.extra).toEqual({ kind: 'government' });
  });

  it('isHoldings tells holdings from records', () => {
    expect(isHoldings({ positions: [] })).toBe(true);
    expect(isHoldings({ AAA: 1 })).toBe(false);
    expect(isHoldings(null)).toBe(false);
    expect(isHoldings([])).toBe(false);
  });
});

describe('readHoldings: errors', () => {
  const cases: Array<[unknown, RegExp]> = [
    [null, /`holdings` must be holdings \{ positions/],
    [[], /`holdings` must be holdings/],
    [{ cash: 1 }, /`holdings` must be holdings/],
    [{ positions: [], csh: 1 }, /unknown key `csh` in `holdings`; did you mean `cash`\?/],
    [{ positions: [{ asset: 'A', marketvalue: 1 }] }, /unknown key `marketvalue` in `holdings.positions\[0\]`; did you mean `marketValue`\?/],
    [{ positions: [{ asset: 'A', weigth: 0.1 }] }, /did you mean `weight`\?/],
    [{ positions: [{ asset: 'A', sectr: 'x', weight: 0.1 }] }, /did you mean `sector`\?/],
    [{ positions: [5] }, /`holdings.positions\[0\]` must be a position object, got 5/],
    [{ positions: [{ marketValue: 1 }] }, /`holdings.positions\[0\].asset` must be a non-empty string/],
    [{ positions: [{ asset: '', marketValue: 1 }] }, /asset` must be a non-empty string/],
    [
      {
        positions: [
          { asset: 'A', marketValue: 1 },
          { asset: 'A', marketValue: 2 },
        ],
      },
      /asset "A" appears twice/,
    ],
    [{ positions: [{ asset: 'A', quantity: Number.NaN, price: 1 }] }, /`holdings.positions\[0\].quantity` must be a finite number or decimal string, got NaN/],
    [{ positions: [{ asset: 'A', quantity: '1,5', price: 1 }] }, /quantity` must be a finite number or decimal string, got "1,5"/],
    [{ positions: [{ asset: 'A', quantity: { n: 1 }, price: 1 }] }, /quantity` must be a finite number or decimal string, got object/],
    [{ positions: [{ asset: 'A', quantity: 1, price: 0 }] }, /price` must be positive, got 0/],
    [{ positions: [{ asset: 'A', quantity: 1, price: '-2' }] }, /price` must be positive/],
    [{ positions: [{ asset: 'A', marketValue: Number.POSITIVE_INFINITY }] }, /marketValue` must be a finite number/],
    [{ positions: [{ asset: 'A', marketValue: `1${'0'.repeat(101)}` }] }, /at most 100 digits/],
    [{ positions: [{ asset: 'A', marketValue: `0.${'1'.repeat(101)}` }] }, /at most 100 digits/],
    [{ positions: [{ asset: 'A', marketValue: '1e-9999999' }] }, /at most 100 digits/],
    [{ positions: [{ asset: 'A', quantity: 3, price: '100.10', marketValue: 300.31 }] }, /quantity × price = 3 × 100.1 = 300.3, but `marketValue` 300.31/],
    [{ positions: [{ asset: 'A', quantity: 3 }] }, /has a `quantity` but no `price` or `marketValue`/],
    [{ positions: [{ asset: 'A', price: 3 }] }, /\(A\) needs `quantity` and `price`, `marketValue`, or `weight`/],
    [
      {
        positions: [
          { asset: 'A', weight: 0.5 },
          { asset: 'B', marketValue: 10 },
        ],
      },
      /positions\[1\]` \(B\) has a value but no `weight`/,
    ],
    [{ cash: 0.1, positions: [{ asset: 'A', weight: 0.5 }] }, /`holdings.cash` cannot be combined with positions given by weight only/],
    [{ cash: 500, positions: [{ asset: 'A', marketValue: 500, weight: 0.4 }] }, /weight` is 0.4, but marketValue \/ NAV = 0.5/],
    [{ positions: [{ asset: 'A', weight: Number.NaN }] }, /weight` must be a finite number, got NaN/],
    [{ positions: [{ asset: 'A', weight: 0.1, averageDailyVolume: -1 }] }, /averageDailyVolume` must be a finite number ≥ 0, got -1/],
    [{ positions: [{ asset: 'A', weight: 0.1, tags: { s: 1 } }] }, /tags` must map tag names to strings/],
    [{ positions: [{ asset: 'A', weight: 0.1, tags: ['x'] }] }, /tags` must map tag names to strings/],
    [{ positions: [{ asset: 'A', weight: 0.1, sector: 'X', tags: { sector: 'Y' } }] }, /gives sector "X" and `tags.sector` "Y"; give one/],
    [{ positions: [{ asset: 'A', weight: 0.1, issuer: 3 }] }, /issuer` must be a non-empty string, got 3/],
    [{ asOf: '31/12/2024', positions: [] }, /asOf` must be an ISO date YYYY-MM-DD/],
    [{ baseCurrency: 1, positions: [] }, /baseCurrency` must be a non-empty string/],
    [{ cash: 'x', positions: [] }, /cash` must be a finite number or decimal string/],
  ];
  for (const [input, re] of cases) {
    it(`refuses ${JSON.stringify(input)?.slice(0, 90)}`, () => expectTypedError(() => read(input), InvalidArgumentError, re));
  }
  it('names the argument it was given and the unknown key', () => {
    try {
      readHoldings('checkCompliance', 'portfolio', { positions: [{ asset: 'A', wieght: 1 }] } as never);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidArgumentError);
      expect((e as InvalidArgumentError).argument).toBe('portfolio.positions[0].wieght');
      expect((e as Error).message).toMatch(/^checkCompliance: unknown key `wieght` in `portfolio.positions\[0\]`; did you mean `weight`\?/);
    }
  });
});

describe('readOrder / exactProduct', () => {
  it('reads quantity as number, decimal string or exact amount; keeps extra result fields out', () => {
    expect(readOrder('f', 'o', { asset: 'A', side: 'buy', quantity: 2 })).toEqual({ asset: 'A', side: 'buy', quantity: { decimal: '2', number: 2 } });
    const o = readOrder('f', 'o', {
      asset: 'A',
      side: 'sell',
      quantity: { decimal: '0.1', number: 0.1 },
      price: '3',
      lots: [],
      value: 1,
      cost: 0,
      reason: 'x',
      replaces: 'B',
    } as never);
    expect(o).toEqual({ asset: 'A', side: 'sell', quantity: { decimal: '0.1', number: 0.1 }, price: { decimal: '3', number: 3 } });
    expect(exactProduct(o.quantity, o.price!)).toEqual({ decimal: '0.3', number: 0.3 });
  });
  it('refuses malformed orders', () => {
    const cases: Array<[unknown, RegExp]> = [
      [null, /`o` must be an order object/],
      [{ asset: 'A', side: 'buy', quantity: 1, quantty: 1 }, /unknown key `quantty` in `o`; did you mean `quantity`\?/],
      [{ asset: 'A', side: 'buy', quantity: 1, xyz: 1 }, /unknown key `xyz` in `o`; Known keys: `asset`, `side`/],
      [{ side: 'buy', quantity: 1 }, /`o.asset` must be a non-empty string/],
      [{ asset: 'A', side: 'BUY', quantity: 1 }, /`o.side` must be 'buy' or 'sell', got "BUY"/],
      [{ asset: 'A', side: 'buy', quantity: 0 }, /`o.quantity` must be positive/],
      [{ asset: 'A', side: 'buy', quantity: 1, price: -1 }, /`o.price` must be positive/],
    ];
    for (const [input, re] of cases) expectTypedError(() => readOrder('f', 'o', input as never), InvalidArgumentError, re);
  });
});
