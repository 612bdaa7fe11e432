import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "./components/site-header";
import { PageRequirementBadges } from "./demo/page-requirement-badges"; // demo: remove with app/demo/
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Sessionproof", template: "%s · Sessionproof" },
  description: "Secure, database-backed session management for Next.js, proven against OWASP ASVS.",
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
