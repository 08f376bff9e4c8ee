// An ordered list of photos: drag one onto another to move it there, or use
// the ↑/↓ buttons (keyboard); the first is the cover. Removal per photo.
import { useState } from "react";

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
  const reorder = (from: number, to: number) => onReorder(move(photos, from, to).map((p) => p.key));
  return (
    <ol className="photo-list" aria-label="사진 (첫 번째가 대표 사진)">
      {photos.map((p, i) => (
        <li
          key={p.key}
          draggable={!disabled}
          onDragStart={() => setDragged(i)}
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault();
            if (dragged !== null) reorder(dragged, i);
            setDragged(null);
          }}
          className={dragged === i ? "dragging" : undefined}
        >
          <img src={p.src} alt={p.label} width={96} height={72} />
          {i === 0 && <span className="tag">대표</span>}
          <div className="photo-actions">
            <button type="button" onClick={() => reorder(i, i - 1)} disabled={disabled || i === 0} aria-label={`${p.label} 앞으로`}>
              ↑
            </button>
            <button type="button" onClick={() => reorder(i, i + 1)} disabled={disabled || i === photos.length - 1} aria-label={`${p.label} 뒤로`}>
              ↓
            </button>
            <button type="button" onClick={() => onRemove(p.key)} disabled={disabled} aria-label={`${p.label} 삭제`}>
              ✕
            </button>
          </div>
        </li>
      ))}
    </ol>
  );
}
