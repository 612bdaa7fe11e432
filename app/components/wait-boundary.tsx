"use client";

import { Component, type ReactNode } from "react";
import { isWaitMessage } from "@/lib/sign-in/throttle-message";
import { FormError } from "./form-error";

type State = { error?: unknown; generation: number };

let generations = 0;

/**
 * Around every form that checks a password. A client that must wait is answered 429 (or 503 while the server is busy
 * hashing) by the proxy before the form's action runs (lib/sign-in/throttled-forms.ts); Next.js turns that body
 * into an error thrown where the form is.
 * This shows that message and a fresh form; any other error goes on to the page's error boundary.
 */
export class WaitBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { generation: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error, generation: ++generations };
  }

  override render() {
    const { error, generation } = this.state;
    const waitMessage = error instanceof Error && isWaitMessage(error.message) ? error.message : undefined;
    if (error && !waitMessage) throw error;
    return (
      <div key={generation} onSubmitCapture={() => this.setState({ error: undefined })}>
        <FormError message={waitMessage} />
        {this.props.children}
      </div>
    );
  }
}
