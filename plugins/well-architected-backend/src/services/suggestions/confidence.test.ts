import { confidenceOf } from './confidence';

describe('confidenceOf', () => {
  it('is strong on two signals of the entity itself', () => {
    expect(
      confidenceOf([
        { signal: 'on-call', source: 'own', weight: 2 },
        { signal: 'monitoring', source: 'own', weight: 2 },
      ]),
    ).toBe('strong');
  });

  it('is strong on one signal of its own from a decisive rule', () => {
    expect(
      confidenceOf([{ signal: 'database', source: 'own', weight: 3 }]),
    ).toBe('strong');
  });

  it('is moderate on one signal of its own from a lighter rule', () => {
    expect(
      confidenceOf([
        { signal: 'cache', source: 'own', weight: 1 },
        { signal: 'cache', source: 'own', weight: 1 },
      ]),
    ).toBe('moderate');
  });

  it('is weak on inherited or related signals only, however heavy', () => {
    expect(
      confidenceOf([
        { signal: 'regulated', source: 'inherited', weight: 3 },
        { signal: 'personal-data', source: 'related', weight: 3 },
      ]),
    ).toBe('weak');
  });
});
