/** A form's error message, announced to screen readers as soon as it appears. */
export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="notice error">
      {message}
    </p>
  );
}
