import Link from "next/link";

export default function HomePage() {
  return (
    <section className="card">
      <h1>Sessionproof</h1>
      <p>
        A reference implementation of secure session management for Next.js. Sessions live in a database; the browser
        holds one sealed, HttpOnly <code>__Host-session</code> cookie that only points at its session, and every request
        is checked on the server.
      </p>
      <ul>
        <li>Signing in always starts a new session and ends the one the browser had.</li>
        <li>Sessions end after a period of inactivity and at a fixed maximum age, whatever the activity.</li>
        <li>Signing out ends the session on the server, so a copied cookie is worthless afterwards.</li>
      </ul>
      <p>
        <Link href="/signup">Create an account</Link> or <Link href="/login">sign in</Link> to try it.
      </p>
    </section>
  );
}
