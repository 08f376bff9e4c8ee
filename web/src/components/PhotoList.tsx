// An ordered list of photos: drag one onto another to move it there, or use
// the ↑/↓ buttons (keyboard); the first is the cover. Removal per photo.
// After a move by keyboard, focus follows the moved photo (its buttons are
// disabled while a move is saved, and a moved element loses focus), and a
// live region says where it went.
import { useEffect, useRef, useState } from "react";

export interface PhotoItem {
  key: string;
  src: string;
  label: string;
}

/** Moves the item at `from` to index `to`. */
export function move<T>(list: T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return list;
  const out = [...list];
  const [it] = out.splice(from, 1);
  out.splice(to, 0, it as T);
  return out;
}

type Direction = "up" | "down";

export function PhotoList({
  photos,
  onReorder,
  onRemove,
  disabled,
}: {
  photos: PhotoItem[];
  onReorder: (keys: string[]) => void;
  onRemove: (key: string) => void;
  disabled?: boolean;
}) {
  const [dragged, setDragged] = useState<number | null>(null);
  const [said, setSaid] = useState("");
  // The photo moved by its ↑/↓ button, whose button gets focus back once the list shows it moved.
  const moved = useRef<{ key: string; dir: Direction; to: number } | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const reorder = (from: number, to: number) => onReorder(move(photos, from, to).map((p) => p.key));
  const step = (i: number, dir: Direction) => {
    const to = dir === "up" ? i - 1 : i + 1;
    moved.current = { key: photos[i]!.key, dir, to };
    reorder(i, to);
  };
  useEffect(() => {
    const m = moved.current;
    if (!m || disabled) return;
    const at = photos.findIndex((p) => p.key === m.key);
    if (at < 0) {
      moved.current = null;
      return;
    }
    if (at !== m.to) return; // not saved yet
    moved.current = null;
    const item = [...(list.current?.children ?? [])].find((li) => (li as HTMLElement).dataset.key === m.key);
    const same = item?.querySelector<HTMLButtonElement>(`button[data-dir="${m.dir}"]`);
    const other = item?.querySelector<HTMLButtonElement>(`button[data-dir="${m.dir === "up" ? "down" : "up"}"]`);
    (same && !same.disabled ? same : other)?.focus(); // at an end, the other direction
    setSaid(at === 0 ? "사진을 맨 앞으로 옮겼습니다. 대표 사진입니다." : `사진을 ${at + 1}번째로 옮겼습니다.`);
  }, [photos, disabled]);
  return (
    <>
      <ol className="photo-list" aria-label="사진 (첫 번째가 대표 사진)" ref={list}>
        {photos.map((p, i) => (
          <li
            key={p.key}
            data-key={p.key}
            draggable={!disabled}
            onDragStart={() => setDragged(i)}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              if (dragged !== null) reorder(dragged, i);
              setDragged(null);
            }}
            onDragEnd={() => setDragged(null)}
            className={dragged === i ? "dragging" : undefined}
          >
            <img src={p.src} alt={p.label} width={96} height={72} />
            {i === 0 && <span className="tag">대표</span>}
            <div className="photo-actions">
              <button type="button" data-dir="up" onClick={() => step(i, "up")} disabled={disabled || i === 0} aria-label={`${p.label} 앞으로`}>
                ↑
              </button>
              <button
                type="button"
                data-dir="down"
                onClick={() => step(i, "down")}
                disabled={disabled || i === photos.length - 1}
                aria-label={`${p.label} 뒤로`}
              >
                ↓
              </button>
              <button type="button" onClick={() => onRemove(p.key)} disabled={disabled} aria-label={`${p.label} 삭제`}>
                ✕
              </button>
            </div>
          </li>
        ))}
      </ol>
      <p className="sr-only" role="status">
        {said}
      </p>
    </>
  );
}
