// The npm tus-js-client peer: uploads argv[3] to the tus endpoint argv[2] with the metadata
// our receiver needs (package_id argv[4], sha256 argv[5]); prints "OK <url>" or "ERROR <why>".
import fs from 'node:fs';
import * as tus from 'tus-js-client';

const [endpoint, file, packageId, sha256] = process.argv.slice(2);
const stream = fs.createReadStream(file);
const upload = new tus.Upload(stream, {
  endpoint,
  chunkSize: 256 * 1024,
  uploadSize: fs.statSync(file).size,
  metadata: {package_id: packageId, sha256, filename: `${packageId}.pkg`},
  retryDelays: [0, 500],
  onError: (error) => { console.log(`ERROR ${error}`); process.exit(1); },
  onSuccess: () => { console.log(`OK ${upload.url}`); process.exit(0); },
});
upload.start();
