import { describe, expect, it, vi } from "vitest";
import { useState } from "react";
import { act, fireEvent, render, screen } from "@testing-library/react";
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

describe("PhotoList focus after a move by keyboard", () => {
  // The editor's photos: a move is saved first (the list disabled), then shown.
  function Saved({ initial }: { initial: typeof photos }) {
    const [list, setList] = useState(initial);
    const [saving, setSaving] = useState<string[] | null>(null);
    return (
      <>
        <PhotoList
          photos={list.map((p, i) => ({ ...p, label: `사진 ${i + 1}` }))}
          disabled={!!saving}
          onReorder={setSaving}
          onRemove={() => {}}
        />
        <button type="button" onClick={() => saving && (setList(saving.map((k) => list.find((p) => p.key === k)!)), setSaving(null))}>
          saved
        </button>
      </>
    );
  }

  it("stays on the moved photo once the move is saved, and says where it went", () => {
    render(<Saved initial={photos} />);
    const up = screen.getByRole("button", { name: "사진 3 앞으로" });
    up.focus();
    fireEvent.click(up);
    expect((up as HTMLButtonElement).disabled).toBe(true);
    up.blur(); // a browser takes focus from a disabled button (jsdom does not)
    act(() => fireEvent.click(screen.getByRole("button", { name: "saved" })));
    expect(document.activeElement?.getAttribute("aria-label")).toBe("사진 2 앞으로");
    expect(document.activeElement?.closest("li")?.querySelector("img")?.getAttribute("src")).toBe("/c.png");
    expect(screen.getByRole("status").textContent).toBe("사진을 2번째로 옮겼습니다.");
    // Again, to the front: ↑ is disabled there, so focus goes to its ↓.
    fireEvent.click(document.activeElement!);
    act(() => fireEvent.click(screen.getByRole("button", { name: "saved" })));
    expect(document.activeElement?.getAttribute("aria-label")).toBe("사진 1 뒤로");
    expect(screen.getByRole("status").textContent).toMatch(/맨 앞/);
  });
});
