"use client";

// Generic on purpose: no stack trace, query or token ever reaches the page.
export default function ErrorPage({ reset }: { reset: () => void }) {
  return (
    <section className="card narrow">
      <h1>Something went wrong</h1>
      <p>The request could not be completed. Nothing was changed. Please try again in a moment.</p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </section>
  );
}
