import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";
import { Calendar, OUTSIDE_HORIZON } from "./Calendar";

describe("Calendar", () => {
  it("offers today through today + 90 days, disables closed ones with their reason, and selects", () => {
    const onSelect = vi.fn();
    render(
      <Calendar
        today="2026-12-20"
        onSelect={onSelect}
        dayState={(d) => (d === "2026-12-25" ? { bookable: false, reason: "휴무일" } : { bookable: true })}
      />,
    );
    expect(screen.getByRole("heading", { name: "2026년 12월" })).toBeTruthy();
    const past = screen.getByRole("button", { name: /^12월 19일/ }) as HTMLButtonElement;
    expect(past.disabled).toBe(true);
    const closed = screen.getByRole("button", { name: "12월 25일, 휴무일" }) as HTMLButtonElement;
    expect(closed.disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "12월 24일" }));
    expect(onSelect).toHaveBeenCalledWith("2026-12-24");
    // The booking horizon is today + 90 days, both included: three more
    // months are reachable (through 2027-03-20), not a fifth.
    const next = screen.getByRole("button", { name: "다음 달" }) as HTMLButtonElement;
    fireEvent.click(next);
    fireEvent.click(next);
    fireEvent.click(next);
    expect(screen.getByRole("heading", { name: "2027년 3월" })).toBeTruthy();
    expect(next.disabled).toBe(true);
    expect((screen.getByRole("button", { name: "3월 20일" }) as HTMLButtonElement).disabled).toBe(false);
    const beyond = screen.getByRole("button", { name: /^3월 21일/ }) as HTMLButtonElement;
    expect(beyond.disabled).toBe(true);
    expect(beyond.getAttribute("aria-label")).toBe(`3월 21일, ${OUTSIDE_HORIZON}`);
    const offered = [...document.querySelectorAll<HTMLButtonElement>(".cal-day")].filter((b) => !b.disabled);
    expect(offered.map((b) => b.dataset.date).at(-1)).toBe("2027-03-20");
  });

  it("ends where it is told to (the server's answer)", () => {
    render(<Calendar today="2026-12-20" last="2026-12-28" onSelect={() => {}} dayState={() => ({ bookable: true })} />);
    expect((screen.getByRole("button", { name: "12월 28일" }) as HTMLButtonElement).disabled).toBe(false);
    expect((screen.getByRole("button", { name: `12월 29일, ${OUTSIDE_HORIZON}` }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole("button", { name: "다음 달" }) as HTMLButtonElement).disabled).toBe(true);
  });
});
