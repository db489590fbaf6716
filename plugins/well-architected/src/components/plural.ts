/** A count with its noun: `1 role`, `3 roles`, `2 responsibilities`. */
export const plural = (n: number, one: string, many = `${one}s`) =>
  `${n} ${n === 1 ? one : many}`;
