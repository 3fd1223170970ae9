public enum NetLabPlaceholder {}
