import Link from "next/link";

const LINKS = [
  { href: "/account", label: "Overview" },
  { href: "/account/sessions", label: "Sessions" },
  { href: "/account/activity", label: "Security activity" },
  { href: "/account/apps", label: "Linked programs" },
  { href: "/account/password", label: "Password" },
  { href: "/account/email", label: "Email" },
  { href: "/account/delete", label: "Delete account" },
];

export function AccountNav({ current, isAdmin }: { current: string; isAdmin: boolean }) {
  const links = isAdmin ? [...LINKS, { href: "/admin", label: "Administration" }] : LINKS;
  return (
    <nav aria-label="Account" className="account-nav">
      {links.map(({ href, label }) => (
        <Link key={href} href={href} aria-current={href === current ? "page" : undefined}>
          {label}
        </Link>
      ))}
    </nav>
  );
}
