import type { Metadata } from "next";
import type { ReactNode } from "react";
import { version as packageVersion } from "@/package.json";
import { SiteHeader } from "./components/site-header";
import { PageRequirementBadges } from "./demo/page-requirement-badges"; // demo: remove with app/demo/
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Sessionproof", template: "%s · Sessionproof" },
  description: "Secure, database-backed session management for Next.js, proven against OWASP ASVS.",
  // The template's release, for `npm run verify` to stamp its report with; never a commit or a dependency's version.
  generator: `Sessionproof ${packageVersion}`,
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SiteHeader />
        <main id="main">
          <PageRequirementBadges /> {/* demo: remove with app/demo/ */}
          {children}
        </main>
      </body>
    </html>
  );
}
