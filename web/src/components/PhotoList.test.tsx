import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";
import { move, PhotoList } from "./PhotoList";

const photos = ["a", "b", "c"].map((k, i) => ({ key: k, src: `/${k}.png`, label: `사진 ${i + 1}` }));

describe("PhotoList", () => {
  it("moves an item", () => {
    expect(move(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(move(["a", "b", "c"], 0, 5)).toEqual(["a", "b", "c"]);
  });

  it("reorders with the keyboard buttons and removes", () => {
    const onReorder = vi.fn();
    const onRemove = vi.fn();
    render(<PhotoList photos={photos} onReorder={onReorder} onRemove={onRemove} />);
    expect((screen.getByRole("button", { name: "사진 1 앞으로" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "사진 3 앞으로" }));
    expect(onReorder).toHaveBeenLastCalledWith(["a", "c", "b"]);
    fireEvent.click(screen.getByRole("button", { name: "사진 1 뒤로" }));
    expect(onReorder).toHaveBeenLastCalledWith(["b", "a", "c"]);
    fireEvent.click(screen.getByRole("button", { name: "사진 2 삭제" }));
    expect(onRemove).toHaveBeenCalledWith("b");
  });

  it("reorders by drag and drop", () => {
    const onReorder = vi.fn();
    render(<PhotoList photos={photos} onReorder={onReorder} onRemove={() => {}} />);
    const items = screen.getAllByRole("listitem");
    fireEvent.dragStart(items[0]!);
    fireEvent.drop(items[2]!);
    expect(onReorder).toHaveBeenCalledWith(["b", "c", "a"]);
  });
});
