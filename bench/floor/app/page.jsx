import { connection } from "next/server";

// Rendered on every request, as the app's pages are: a prerendered page would measure a file read.
export default async function Home() {
  await connection();
  return (
    <main>
      <h1>A plain page</h1>
      <p>Rendered at {new Date().toISOString()}.</p>
    </main>
  );
}
