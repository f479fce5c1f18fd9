import type { z } from 'zod';

export interface MethodSpec<Input extends z.ZodType, Output> {
  input: Input;
  /** Type-only marker: the value is never read. */
  output: Output;
}

/** Declares a contract method: `method<Output>()(inputSchema)`. */
export function method<Output>() {
  return <Input extends z.ZodType>(input: Input): MethodSpec<Input, Output> => ({
    input,
    output: undefined as Output,
  });
}
