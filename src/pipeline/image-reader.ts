import { createHash } from 'node:crypto';
import { nodeCaseFs, type CaseFs } from '../io/case-fs.js';
import { openZip, type ZipArchive } from '../io/zip.js';
import { errnoCode, FileSystemError, UsageError } from '../errors.js';
import type { ImageExhibit } from '../evidence/model.js';

/**
 * Reads evidence images back for encoding, checking each is the file that was analysed.
 * A zip's images come out of one opened archive, not one opening per image.
 */
export class ImageReader {
  private readonly archives = new Map<string, Promise<ZipArchive>>();
  constructor(private readonly fs: CaseFs = nodeCaseFs) {}

  async read(exhibit: ImageExhibit): Promise<Buffer> {
    let bytes: Buffer;
    try {
      const archive = exhibit.source.archive;
      if (archive) {
        // Opened by path: entries are read from the file as needed, not the whole zip into memory.
        let zip = this.archives.get(archive.absolutePath);
        if (!zip) this.archives.set(archive.absolutePath, (zip = openZip(archive.absolutePath)));
        bytes = await (await zip).read(archive.entry);
      } else bytes = await this.fs.readFile(exhibit.source.absolutePath);
    } catch (error) {
      throw new FileSystemError('INPUT_VANISHED', `${exhibit.file} could not be read again (${errnoCode(error) ?? String(error)})`, {
        hint: 'Leave the case folder unchanged while a build runs, then build again.',
      });
    }
    if (createHash('sha256').update(bytes).digest('hex') !== exhibit.source.sha256) {
      throw new UsageError('INPUT_CHANGED', `${exhibit.file} changed while the packet was being built`, {
        hint: 'Leave the case folder unchanged while a build runs, then build again.',
      });
    }
    return bytes;
  }

  close(): void {
    for (const archive of this.archives.values()) void archive.then((zip) => zip.close(), () => undefined);
    this.archives.clear();
  }
}
