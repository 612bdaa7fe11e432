/** A timestamp a person can read, with the exact instant in the markup. */
export function LocalTime({ value }: { value: Date }) {
  return <time dateTime={value.toISOString()}>{value.toUTCString()}</time>;
}
