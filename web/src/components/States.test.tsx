import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";
import { LoadMore } from "./States";

describe("LoadMore", () => {
  it("asks for the next page once, and not again while it loads", () => {
    const fetchNextPage = vi.fn();
    const { rerender } = render(<LoadMore list={{ hasNextPage: true, isFetchingNextPage: false, fetchNextPage }} />);
    fireEvent.click(screen.getByRole("button", { name: "더 보기" }));
    expect(fetchNextPage).toHaveBeenCalledTimes(1);
    rerender(<LoadMore list={{ hasNextPage: true, isFetchingNextPage: true, fetchNextPage }} />);
    const button = screen.getByRole("button", { name: "더 보기" });
    expect(button).toHaveProperty("disabled", true);
    fireEvent.click(button);
    expect(fetchNextPage).toHaveBeenCalledTimes(1);
  });

  it("is absent on the last page", () => {
    render(<LoadMore list={{ hasNextPage: false, isFetchingNextPage: false, fetchNextPage: vi.fn() }} />);
    expect(screen.queryByRole("button", { name: "더 보기" })).toBeNull();
  });
});
