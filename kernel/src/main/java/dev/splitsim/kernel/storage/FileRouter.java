package dev.splitsim.kernel.storage;

import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.kernel.Errno;

/**
 * The process monitor's choice of storage component for each file call, from the namespace map
 * alone: a call on a path goes to the component holding the path, a call on an open file to the
 * component that opened it (its id says which), a rename between two components is EXDEV without
 * asking either, as Linux answers a rename across mounts. Every component keeps the process's
 * working folder, so chdir goes to each (the one holding the folder first, whose answer is the
 * call's) and the folder is then asked back as getcwd shows it, for routing later relative paths.
 * With one component every call goes to it unchanged.
 */
public final class FileRouter implements FileService {
    /** Sends a call to one storage component and returns with its reply. */
    public interface Components {
        void call(int component, FileCall c);
    }

    private final StorageNamespace namespace;
    private final Components components;
    /** The chdir's getcwd, beside the call it follows. */
    private final FileCall asked = new FileCall();
    /** The working folder as the components hold it. */
    private String cwd = "/";

    public FileRouter(StorageNamespace namespace, Components components) {
        this.namespace = namespace;
        this.components = components;
    }

    @Override
    public void call(FileCall c) {
        if (namespace.components() == 1) {
            components.call(0, c);
            return;
        }
        int fileField = c.type().field("file");
        long file = fileField < 0 ? FileCall.NO_FILE : c.get("file");
        boolean onFile = file >= 0 && (c.type() != MessageType.P2S_NAMESPACE || c.get("operation") == FileCall.SEEK);
        if (onFile) {
            c.set("file", StorageNamespace.localId(file));
            components.call(StorageNamespace.componentOf(file), c);
            c.set("file", file);
            return;
        }
        if (c.type() == MessageType.P2S_NAMESPACE) {
            int operation = (int) c.get("operation");
            if (operation == FileCall.RENAME) {
                rename(c);
                return;
            }
            if (operation == FileCall.CHDIR) {
                chdir(c);
                return;
            }
            if (operation == FileCall.GETCWD) {
                components.call(namespace.owner(cwd), c);
                return;
            }
        }
        int owner = namespace.owner(cwd, RequestPaths.first(c));
        components.call(owner, c);
        if (c.type() == MessageType.P2S_OPEN && c.result() >= 0 && c.replyLength() > 0 && c.replyData()[0] == '/') {
            c.reply(StorageNamespace.fileId(owner, c.result()));
        }
    }

    private void rename(FileCall c) {
        int from = namespace.owner(cwd, RequestPaths.first(c));
        if (from != namespace.owner(cwd, RequestPaths.second(c))) {
            c.replyData(0);
            c.reply(-Errno.EXDEV);
            return;
        }
        components.call(from, c);
    }

    private void chdir(FileCall c) {
        int owner = namespace.owner(cwd, RequestPaths.first(c));
        components.call(owner, c);
        long result = c.result();
        if (result < 0) {
            return;
        }
        // The same lookup from the same folder in the same tree leads every component to the same place.
        for (int k = 0; k < namespace.components(); k++) {
            if (k != owner) {
                components.call(k, c);
            }
        }
        asked.start(MessageType.P2S_NAMESPACE).set("pid", c.get("pid")).set("operation", FileCall.GETCWD)
                .set("length", Sandbox.PATH_MAX + 1);
        components.call(owner, asked);
        if (asked.result() > 0) {
            cwd = new String(asked.replyData(), 0, (int) asked.result() - 1, java.nio.charset.StandardCharsets.UTF_8);
        }
        c.replyData(0);
        c.reply(result);
    }
}
