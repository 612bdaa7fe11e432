"use client";

export default function GlobalError() {
  return (
    <html lang="en">
      <body>
        <main>
          <h1>Something went wrong</h1>
          <p>The request could not be completed. Please try again in a moment.</p>
        </main>
      </body>
    </html>
  );
}
